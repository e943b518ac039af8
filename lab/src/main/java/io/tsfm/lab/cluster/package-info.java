/**
 * A standalone Flink cluster on this machine for trying the job as a cluster runs it: its layout under
 * {@code .tsfm/cluster} ({@link io.tsfm.lab.cluster.ClusterLayout}), settings, the processes
 * ({@link io.tsfm.lab.cluster.LocalCluster}) and its REST endpoint ({@link io.tsfm.lab.cluster.ClusterRest}). The
 * {@code ./tsfm cluster} commands drive it.
 */
package io.tsfm.lab.cluster;
