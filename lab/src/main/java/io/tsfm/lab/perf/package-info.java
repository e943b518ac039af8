/**
 * Capacity and latency harnesses: {@link io.tsfm.lab.perf.JobCapacity} (the largest fleet the job serves in real time,
 * and what Kafka and Flink cost against the raw classifier) and {@link io.tsfm.lab.perf.EdgeCost} (what the edge
 * client costs on a device, with {@link io.tsfm.lab.perf.EdgeProbe} its cold-start child JVM). {@code ./tsfm perf}
 * runs them.
 */
package io.tsfm.lab.perf;
