/**
 * Development tooling, kept out of the product modules: an in-process Kafka broker and the streaming job on a
 * MiniCluster, a local standalone Flink cluster, simulated device fleets, dataset replay and synthetic sources, and the
 * capacity, latency and demo harnesses. Product modules never depend on it; the CLI does.
 */
package io.tsfm.lab;
