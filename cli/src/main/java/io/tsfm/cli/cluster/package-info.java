/**
 * {@code tsfm cluster}: start, stop, inspect and savepoint the local Flink cluster.
 */
package io.tsfm.cli.cluster;
