package io.tsfm.benchmark.baseline.lanhar;

import java.util.List;

/** How this LanHAR departs from the reference's (spec §6.6), written into every report that has a LanHAR row. */
public final class LanHarDeviations {
    private LanHarDeviations() {}

    /** The deviations of a run with {@code config}. */
    public static List<String> of(LanHarConfig c) {
        return List.of(
                "LanHAR text side: the frozen MiniLM-L6 (384-d, ONNX) with a trainable adapter (one pre-norm "
                        + "transformer layer + mean pool + linear to " + c.sharedDim() + ") stands in for fine-tuning "
                        + "SciBERT (110 M); descriptions are " + ActivityDescriptions.TEMPLATES.size()
                        + " fixed templates per label (label words + synonym group), not LLM-written texts.",
                "LanHAR stage 1 trains the adapter contrastively (descriptions vs label names, InfoNCE, tau 0.07), "
                        + c.stage1Epochs() + " epochs, batch " + c.stage1Batch() + ", lr " + c.stage1Lr()
                        + " (reference 10 epochs, lr 1e-5 for a pretrained SciBERT; the adapter starts from random "
                        + "weights).",
                "LanHAR sensor transformer is CPU-sized: " + c.sensorLayers() + " layers of width " + c.sensorDim()
                        + " (reference 768), tokens of " + c.tokenSteps() + " samples (20 per window; the reference "
                        + "embeds every time step); stage 2 CLIP " + c.stage2Epochs() + " epochs, batch "
                        + c.stage2Batch() + ", lr " + c.stage2Lr() + " (reference: 50 epochs, batch 256, lr 4e-5), text "
                        + "adapter frozen, same-activity pairs as positives.",
                "LanHAR is trained on hapt, hmp and utd_mhad (the reference: its 10 training sets); gravity is "
                        + "estimated once per window (mean of the zero-phase 0.3 Hz low-pass) and accelerometer "
                        + "values are divided by 9.81 after the rotation.",
                "LanHAR supervised fine-tuning trains the sensor side only (the text prototypes are frozen, so the "
                        + "text side has no gradient) at lr 1e-5 with the fixed temperature 0.07.");
    }
}
