/**
 * The streaming job in this JVM: on a Flink MiniCluster of its own, with an in-process broker for
 * {@code --embedded}; what {@code ./tsfm job} runs locally and the benchmark stream path's embedded mode.
 */
package io.tsfm.lab.job;
