/**
 * {@code tsfm benchmark} and {@code tsfm baseline}: the zero-shot and fine-tuning benchmark, and training the
 * baselines it compares against.
 */
package io.tsfm.cli.benchmark;
