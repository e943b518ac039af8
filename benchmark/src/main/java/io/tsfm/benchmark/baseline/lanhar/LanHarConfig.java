package io.tsfm.benchmark.baseline.lanhar;

/**
 * The sizes and schedule of the LanHAR port, with the reference's values beside each deviation (spec §6.6).
 *
 * @param sharedDim      width of the sensor–text space
 * @param textHeads      heads of the text adapter's layer (over MiniLM's 384-wide tokens)
 * @param sensorDim      sensor transformer width (reference 768; CPU-sized here)
 * @param sensorLayers   sensor transformer layers (reference 3)
 * @param sensorHeads    sensor transformer heads
 * @param tokenSteps     20 Hz samples per sensor token (reference: 1)
 * @param stage1Epochs   text stage epochs (reference 10)
 * @param stage1Batch    text stage batch (reference 10)
 * @param stage1Lr       text stage learning rate (reference 1e-5 for a pretrained SciBERT; the adapter starts
 *                       from random weights, so it gets more)
 * @param stage2Epochs   sensor–text CLIP epochs (reference 50)
 * @param stage2Batch    CLIP batch (reference 256)
 * @param stage2Lr       CLIP learning rate (reference 4e-5)
 * @param weightDecay    AdamW weight decay of both stages
 * @param seed           seed of initialisation and shuffling
 */
public record LanHarConfig(int sharedDim, int textHeads, int sensorDim, int sensorLayers, int sensorHeads,
                           int tokenSteps, int stage1Epochs, int stage1Batch, double stage1Lr, int stage2Epochs,
                           int stage2Batch, double stage2Lr, double weightDecay, long seed) {

    /** The settings of {@code ./tsfm baseline train lanhar} on a 2-core CPU. */
    public static LanHarConfig cpuDefaults() {
        return new LanHarConfig(256, 4, 128, 3, 4, 6, 10, 10, 1e-4, 50, 256, 4e-5, 1e-5, 42);
    }

    /** A copy with other epoch counts. */
    public LanHarConfig withEpochs(int stage1, int stage2) {
        return new LanHarConfig(sharedDim, textHeads, sensorDim, sensorLayers, sensorHeads, tokenSteps, stage1,
                stage1Batch, stage1Lr, stage2, stage2Batch, stage2Lr, weightDecay, seed);
    }

    /** One line for checkpoints and reports. */
    public String describe() {
        return "text adapter: 1 pre-norm layer over frozen MiniLM tokens (" + textHeads + " heads) -> " + sharedDim
                + "; sensor transformer: " + sensorLayers + " layers, d " + sensorDim + ", " + sensorHeads
                + " heads, tokens of " + tokenSteps + " samples; stage 1 " + stage1Epochs + " epochs, batch "
                + stage1Batch + ", lr " + stage1Lr + "; stage 2 " + stage2Epochs + " epochs, batch " + stage2Batch
                + ", lr " + stage2Lr + "; AdamW wd " + weightDecay + "; seed " + seed;
    }
}
