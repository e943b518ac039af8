/** A terminal progress bar for long offline jobs (reading, training, benchmarks). */
package io.tsfm.datasets.progress;
