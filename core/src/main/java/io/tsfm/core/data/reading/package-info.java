/**
 * The building blocks dataset readers share: delimited text read row by row with line-tolerant error
 * reporting ({@link io.tsfm.core.data.reading.DelimitedText}; all-numeric tables are
 * {@link io.tsfm.core.data.NumericTable}), the problem log of a read
 * ({@link io.tsfm.core.data.reading.ProblemLog}) and runs of bad rows reported once
 * ({@link io.tsfm.core.data.reading.BadRun}), the buffer a run of samples is collected in
 * ({@link io.tsfm.core.data.reading.SampleBuffer}), and the assembly of sessions and problems into a
 * {@link io.tsfm.core.data.Dataset} ({@link io.tsfm.core.data.reading.DatasetBuilder}). Used by the generic
 * CSV format and the seed readers.
 */
package io.tsfm.core.data.reading;
