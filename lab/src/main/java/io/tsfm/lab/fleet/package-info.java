/**
 * The fleet simulator: many devices replaying real sessions into Kafka with the imperfections of real devices
 * ({@link io.tsfm.lab.fleet.FleetSimulator}, {@link io.tsfm.lab.fleet.Imperfections}); the load generator of the
 * streaming job's benchmark and of the demo.
 */
package io.tsfm.lab.fleet;
