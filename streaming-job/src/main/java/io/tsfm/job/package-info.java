/**
 * The streaming job: IMU frames from Kafka through Flink windows to zero-shot predictions in Kafka.
 * {@link io.tsfm.job.StreamingJob} is the entry point (also of the shaded job jar), {@link io.tsfm.job.JobOptions}
 * every argument, {@link io.tsfm.job.TsfmPipeline} the dataflow. The one-machine mode (in-process Kafka and
 * MiniCluster) is development tooling in the lab module ({@code io.tsfm.lab.job.EmbeddedRunner}).
 */
package io.tsfm.job;
