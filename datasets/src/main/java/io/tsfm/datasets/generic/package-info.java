/**
 * The generic labelled-CSV format that lets users bring their own recordings (a folder of CSV files plus a
 * {@code tsfm-dataset.json} manifest; see {@code docs/data-generic-csv.md}). Its reading blocks are shared
 * with the seed readers and live in {@link io.tsfm.datasets.reading}.
 */
package io.tsfm.datasets.generic;
