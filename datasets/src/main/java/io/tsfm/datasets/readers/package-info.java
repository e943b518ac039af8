/**
 * Readers for the reference's seed datasets that are not shipped with this project: the training sets
 * described by the reference's facts (DSADS, HHAR, KU-HAR, MHEALTH, PAMAP2, UCI HAR, UniMiB SHAR, WISDM;
 * {@link io.tsfm.datasets.readers.SeedFactsReader}) and the others (RecGym, MotionSense, RealWorld HAR, MobiAct,
 * Shoaib, OPPORTUNITY, HARTH, VTT-ConIoT), all on {@link io.tsfm.datasets.readers.SeedReader}. Each reads the
 * dataset's original published file layout from {@code <name>.zip} or {@code <name>/} under the data root,
 * labels sessions with the reference's activity names, and converts samples to canonical units. The
 * package-private classes are the seed-specific machinery: header lookup, problem folding, run cutting and
 * MAT-files; text parsing, sample buffers and dataset assembly are {@link io.tsfm.datasets.reading}, resampling
 * is {@link io.tsfm.datasets.resample.LinearResampler}.
 */
package io.tsfm.datasets.readers;
