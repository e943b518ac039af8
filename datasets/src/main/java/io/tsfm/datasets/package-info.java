/**
 * What a dataset is to the rest of TSFM, and how a reader is plugged in: a {@link io.tsfm.datasets.Dataset} of
 * {@link io.tsfm.core.data.Session sessions} with its {@link io.tsfm.datasets.DatasetManifest}, the reader SPI
 * ({@link io.tsfm.datasets.DatasetReader}, registered under {@code META-INF/services}) with its
 * {@link io.tsfm.datasets.DatasetInfo} and {@link io.tsfm.datasets.DatasetRole}, where datasets live
 * ({@link io.tsfm.datasets.DataRoot}, {@link io.tsfm.datasets.DatasetSource}) and what {@code datasets inspect}
 * prints ({@link io.tsfm.datasets.DatasetSummary}). The session model itself stays in core, which serving needs.
 */
package io.tsfm.datasets;
