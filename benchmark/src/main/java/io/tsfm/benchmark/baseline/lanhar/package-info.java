/**
 * The LanHAR baseline (spec §6.6), CPU-sized: its network, gravity alignment, template descriptions, both
 * training stages, the zero-shot path and the stored benchmark row.
 */
package io.tsfm.benchmark.baseline.lanhar;
