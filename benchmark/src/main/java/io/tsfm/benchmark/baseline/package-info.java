/**
 * Supervised baselines trained on the test datasets' labelled subsamples: per-window features
 * ({@link io.tsfm.benchmark.baseline.WindowFeatures}) with a Tribuo random forest
 * ({@link io.tsfm.benchmark.baseline.RandomForest}), saved and verified by
 * {@link io.tsfm.benchmark.baseline.BaselineStore}.
 */
package io.tsfm.benchmark.baseline;
