/**
 * The benchmark suite (spec §6): test datasets cut into the reference's evaluation windows and splits
 * ({@link io.tsfm.benchmark.protocol}), models reached through an inference path and scored
 * ({@link io.tsfm.benchmark.run}, {@link io.tsfm.benchmark.metrics}), supervised baselines
 * ({@link io.tsfm.benchmark.baseline}) and the report ({@link io.tsfm.benchmark.report}).
 */
package io.tsfm.benchmark;
