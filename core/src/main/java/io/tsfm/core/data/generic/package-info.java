/**
 * The generic labelled-CSV format that lets users bring their own recordings (a folder of CSV files plus a
 * {@code tsfm-dataset.json} manifest; see {@code docs/data-generic-csv.md}), and the reading blocks the
 * seed readers share with it: line-tolerant delimited text ({@link io.tsfm.core.data.generic.DelimitedText}),
 * the problem log ({@link io.tsfm.core.data.generic.ProblemLog}) and dataset assembly
 * ({@link io.tsfm.core.data.generic.DatasetBuilder}).
 */
package io.tsfm.core.data.generic;
