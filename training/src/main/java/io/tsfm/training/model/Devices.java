package io.tsfm.training.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Device choice for training: the first GPU when the engine sees one, else the CPU. Loading this class first sets
 * DJL's offline and no-tracking switches if nobody set them, so calling it before any other DJL use keeps DJL from
 * reaching the network. Thread-safe.
 */
public final class Devices {

    static {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private Devices() {}

    /** {@code Device.gpu()} if a GPU is visible to the PyTorch engine, else {@code Device.cpu()}. */
    public static Device preferred() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }
}
