/**
 * Serving benchmarks (figures, never tests): {@link io.tsfm.export.perf.ClassifierBenchmark} measures the bundle
 * classifier against DJL eager inference, {@link io.tsfm.export.perf.MacCount} counts a window's multiply-accumulates
 * analytically and {@link io.tsfm.export.perf.MatMulRoofline} measures the machine's matrix-product rate.
 */
package io.tsfm.export.perf;
