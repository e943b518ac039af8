/**
 * The {@code mocap_sim} dataset: the archives' manifests and label map, the reader that simulates sessions, its
 * cache, report and plot.
 */
package io.tsfm.simulation.dataset;
