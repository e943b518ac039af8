/**
 * TSFM's own 1 % / 10 % supervised rows (spec §6.5): the bundle's training checkpoint, verified to be the bundle's
 * model, fine-tuned on each test dataset's labelled subsample inside the benchmark.
 */
package io.tsfm.benchmark.finetune;
