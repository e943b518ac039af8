/**
 * The protocol's data side: {@link io.tsfm.benchmark.protocol.BenchmarkDataset} (6 s windows at the native rate,
 * majority label, subjects concatenated), {@link io.tsfm.benchmark.protocol.WindowKey} (device + first sample, the
 * join key of every path) and {@link io.tsfm.benchmark.protocol.FineTuneSplit} (80/10/10 and the balanced 1 % / 10 %
 * subsample, index for index as numpy's {@link io.tsfm.benchmark.protocol.NumpyRandomState} draws them).
 */
package io.tsfm.benchmark.protocol;
