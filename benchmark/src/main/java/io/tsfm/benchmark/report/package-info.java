/**
 * The report: rows of measured and published cells ({@link io.tsfm.benchmark.report.BenchmarkResult}), the
 * reference's published numbers ({@link io.tsfm.benchmark.report.PublishedResults}) and the writer of report.json,
 * report.md and confusion-matrix PNGs ({@link io.tsfm.benchmark.report.ReportWriter}).
 */
package io.tsfm.benchmark.report;
