/**
 * {@code tsfm edge} and {@code tsfm fleet}: the edge client and a simulated device fleet, with their Kafka options.
 */
package io.tsfm.cli.edge;
