/**
 * The neural baselines of the benchmark (spec §6.6) and what they share: the 20 Hz 120×6 input
 * ({@link io.tsfm.benchmark.baseline.neural.BaselineInput}), the training windows of the training sets
 * ({@link io.tsfm.benchmark.baseline.neural.TrainingCorpus}), the supervised fine-tuning loop
 * ({@link io.tsfm.benchmark.baseline.neural.BaselineFineTuner}), the zero-shot path of a classifier over training labels
 * ({@link io.tsfm.benchmark.baseline.neural.ZeroShotAdapter}, {@link io.tsfm.benchmark.baseline.neural.ClosedSetMapping})
 * and the verified checkpoints ({@link io.tsfm.benchmark.baseline.neural.NeuralStore}).
 */
package io.tsfm.benchmark.baseline.neural;
