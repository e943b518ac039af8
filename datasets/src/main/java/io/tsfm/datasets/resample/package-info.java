/** The one resampler of the dataset readers: linear interpolation of timestamped samples onto a regular clock. */
package io.tsfm.datasets.resample;
