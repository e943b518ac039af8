/**
 * Scoring: open-set on synonym groups ({@link io.tsfm.benchmark.metrics.LabelGroups}), exact labels for closed-set
 * and supervised metrics ({@link io.tsfm.benchmark.metrics.Scorer}), one {@link io.tsfm.benchmark.metrics.Score}
 * per cell with the windows it could not score.
 */
package io.tsfm.benchmark.metrics;
