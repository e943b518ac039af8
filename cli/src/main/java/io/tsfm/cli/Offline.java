package io.tsfm.cli;

/**
 * Keeps DJL off the network: without these flags DJL queries a cloud metadata address on start-up,
 * which must never happen here. Must run before any DJL class loads.
 */
public final class Offline {
    private Offline() {}

    /** Sets the offline and opt-out properties unless the user set them explicitly. */
    public static void enforce() {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("OPT_OUT_TRACKING") == null) System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("java.awt.headless", "true");
    }
}
