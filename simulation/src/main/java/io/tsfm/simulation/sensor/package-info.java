/**
 * Virtual IMUs: body sites on the archives' rigs, the simulator that turns a motion clip into their readings, and
 * the filtering it needs.
 */
package io.tsfm.simulation.sensor;
