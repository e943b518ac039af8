/**
 * {@code tsfm perf}: throughput and latency of the classifier, training, the edge client and the job.
 */
package io.tsfm.cli.perf;
