/**
 * Per-device sliding event-time windows cut with the shared {@code io.tsfm.core.window.WindowAssembler}.
 */
package io.tsfm.job.window;
