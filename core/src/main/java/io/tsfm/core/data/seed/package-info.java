/**
 * Readers for the reference's seed datasets that are not shipped with this project (RecGym, MotionSense,
 * RealWorld HAR, MobiAct, Shoaib, OPPORTUNITY, HARTH, VTT-ConIoT). Each reads the dataset's original published
 * file layout from {@code <name>.zip} or {@code <name>/} under the data root, labels sessions with the
 * reference's activity names, and converts samples to canonical units. The package-private classes are the
 * shared machinery: row-tolerant text parsing, problem aggregation and run cutting (resampling is
 * {@link io.tsfm.core.data.resample.LinearResampler}).
 */
package io.tsfm.core.data.seed;
