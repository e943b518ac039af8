/**
 * Readers of the datasets' original published layouts, one class per dataset. Each reads {@code <name>.zip} or
 * {@code <name>/} under the data root, labels sessions with the reference's activity names, and converts samples
 * to canonical units. Two families share the package: the readers on {@link io.tsfm.datasets.readers.SeedReader}
 * (the training sets described by the reference's facts, DSADS, HHAR, KU-HAR, MHEALTH, PAMAP2, UCI HAR, UniMiB
 * SHAR, WISDM, on {@link io.tsfm.datasets.readers.SeedFactsReader}; and RecGym, MotionSense, RealWorld HAR,
 * MobiAct, Shoaib, OPPORTUNITY, HARTH, VTT-ConIoT), and the readers that implement
 * {@link io.tsfm.datasets.DatasetReader} directly on {@code ReaderSupport} (HAPT, HMP, HuGaDB, MobiFall, UTD-MHAD,
 * WEDA-FALL, and the UEA smartwatch problems). The package-private classes are their machinery: header lookup,
 * problem folding, run cutting, MAT-files and the UEA {@code .ts} parser; text parsing, sample buffers and dataset
 * assembly are {@link io.tsfm.datasets.reading}, resampling is {@link io.tsfm.datasets.resample.LinearResampler}.
 */
package io.tsfm.datasets.readers;
