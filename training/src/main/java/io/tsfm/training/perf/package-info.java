/**
 * Training throughput per tier on this machine, measured with the trainer's own step.
 */
package io.tsfm.training.perf;
