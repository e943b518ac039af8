/**
 * {@code tsfm simulate}: build the simulated {@code mocap_sim} dataset.
 */
package io.tsfm.cli.simulate;
