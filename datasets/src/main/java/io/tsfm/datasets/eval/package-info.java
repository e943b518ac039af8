/**
 * Evaluation on datasets: a dataset's sessions cut into labelled evaluation windows ({@link
 * io.tsfm.datasets.eval.EvalWindows}, and as classifier input {@link io.tsfm.datasets.eval.DatasetWindows}),
 * majority votes, and the scores of a set of predictions ({@link io.tsfm.datasets.eval.ClassificationMetrics}).
 * Used by training, export, benchmark and the CLI; never by the serving path.
 */
package io.tsfm.datasets.eval;
