package io.tsfm.benchmark.baseline.neural;

/**
 * DJL switches for the baselines, set before the engine loads: offline, no tracking, and (unless the user set them)
 * PyTorch's intra-op threads to the available cores and one inter-op thread. Thread-safe.
 */
final class NeuralRuntime {
    private NeuralRuntime() {}

    static synchronized void init() {
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("OPT_OUT_TRACKING") == null) System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads",
                    Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
