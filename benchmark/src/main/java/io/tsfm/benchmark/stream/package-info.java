/**
 * The benchmark's stream path (issue #7): {@link io.tsfm.benchmark.stream.StreamPath} replays benchmark windows as
 * IMU frames through Kafka into the streaming job and reads its predictions back;
 * {@link io.tsfm.benchmark.stream.PathCheck} puts the same windows through the direct path and states whether both
 * gave identical predictions, or lists every difference.
 */
package io.tsfm.benchmark.stream;
