/**
 * Running the protocol. {@link io.tsfm.benchmark.run.BenchmarkRunner} sends every dataset's windows through each
 * system's {@link io.tsfm.benchmark.run.InferencePath} and joins the answers back by
 * {@link io.tsfm.benchmark.protocol.WindowKey} ({@link io.tsfm.benchmark.run.PredictionJoin}): unanswered windows
 * are reported as missing, never scored.
 *
 * <p>{@link io.tsfm.benchmark.run.DirectPath} is the in-process path. The stream path
 * ({@link io.tsfm.benchmark.stream.StreamPath}) is another {@code InferencePath}: replay each device's windows
 * ({@code WindowKey.device()}, event time {@code startSample / rate} after the device's start) as IMU frames into Kafka, let the streaming job classify them
 * under a label set registered for the pass, read predictions back read-committed and map each to the key of the
 * window whose start it reports; {@code unsupportedLabels} names labels the job's label set lacks.
 */
package io.tsfm.benchmark.run;
