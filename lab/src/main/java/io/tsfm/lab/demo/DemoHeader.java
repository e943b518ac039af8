package io.tsfm.lab.demo;

import java.util.List;

/**
 * The facts of a demo run the view prints once.
 *
 * @param dataset          dataset replayed
 * @param heldOut          how its sessions are held out of training
 * @param sessions         sessions in the replay
 * @param devices          simulated devices
 * @param rateHz           their sampling rate
 * @param model            model bundle directory
 * @param modelTier        the bundle's tier
 * @param modelId          the bundle's id (SHA-256 of its manifest)
 * @param bootstrapServers the embedded broker
 * @param labelSetId       id of the demo's label set
 * @param labels           its first version's labels
 */
record DemoHeader(String dataset, String heldOut, int sessions, int devices, double rateHz, String model,
                  String modelTier, String modelId, String bootstrapServers, String labelSetId, List<String> labels) {
}
