/**
 * The building blocks dataset readers share: delimited text read row by row with line-tolerant error
 * reporting ({@link io.tsfm.datasets.reading.DelimitedText}; all-numeric tables are
 * {@link io.tsfm.datasets.reading.NumericTable}), the problem log of a read
 * ({@link io.tsfm.datasets.reading.ProblemLog}) and runs of bad rows reported once
 * ({@link io.tsfm.datasets.reading.BadRun}), the buffer a run of samples is collected in
 * ({@link io.tsfm.datasets.reading.SampleBuffer}), and the assembly of sessions and problems into a
 * {@link io.tsfm.datasets.Dataset} ({@link io.tsfm.datasets.reading.DatasetBuilder}), and the content lines of
 * {@code #}-commented text formats ({@link io.tsfm.datasets.reading.ContentLines}). Used by the generic CSV format,
 * the seed readers and the simulation's skeleton formats.
 */
package io.tsfm.datasets.reading;
