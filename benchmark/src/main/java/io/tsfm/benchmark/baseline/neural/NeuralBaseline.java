package io.tsfm.benchmark.baseline.neural;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.Locale;

/**
 * The neural baselines of spec §6.6 that this project trains itself: what differs between them (the encoder's
 * depth, the input normalisation, the pretraining objective, the classifier head, how the zero-shot head votes).
 * Both use the LiMU-BERT-sized encoder ({@link ImuBertEncoder}: d 72, 4 heads, feed-forward 144).
 */
public enum NeuralBaseline {
    /**
     * LiMU-BERT: one shared layer applied 4 times, acc divided by 9.8, masked reconstruction, {@link GruHead};
     * zero-shot head on 20-step sub-windows, a window is the majority of its 6 sub-window predictions.
     */
    LIMU_BERT("limubert", "LiMU-BERT", 4, false, 6),
    /**
     * CrossHAR: one layer, per-sample per-channel instance normalisation, masked reconstruction plus a contrastive
     * loss between views, {@link TransformerFtHead} on the whole window.
     */
    CROSSHAR("crosshar", "CrossHAR", 1, true, 1);

    /** Encoder width. */
    public static final int DIM = 72;
    /** Encoder attention heads. */
    public static final int HEADS = 4;
    /** Encoder feed-forward width. */
    public static final int FF = 144;
    private static final float G = 9.8f;

    private final String id;
    private final String displayName;
    private final int repeats;
    private final boolean instanceNorm;
    private final int zeroShotVotes;

    NeuralBaseline(String id, String displayName, int repeats, boolean instanceNorm, int zeroShotVotes) {
        this.id = id;
        this.displayName = displayName;
        this.repeats = repeats;
        this.instanceNorm = instanceNorm;
        this.zeroShotVotes = zeroShotVotes;
    }

    /** Command-line and directory name. */
    public String id() {
        return id;
    }

    /** Report row name. */
    public String displayName() {
        return displayName;
    }

    /** The baseline named {@code id}. */
    public static NeuralBaseline byId(String id) {
        for (NeuralBaseline b : values()) if (b.id.equals(id)) return b;
        throw new IllegalArgumentException("unknown neural baseline '" + id + "'; known: "
                + Arrays.stream(values()).map(NeuralBaseline::id).toList());
    }

    /** Whether {@code id} names one. */
    public static boolean isNeural(String id) {
        return Arrays.stream(values()).anyMatch(b -> b.id.equals(id));
    }

    /** A fresh encoder. */
    public ImuBertEncoder newEncoder() {
        return new ImuBertEncoder(DIM, HEADS, FF, repeats, BaselineInput.LENGTH);
    }

    /** A fresh classifier head over {@code classes} labels (the zero-shot and the supervised head are alike). */
    public Block newHead(int classes) {
        return instanceNorm ? new TransformerFtHead(DIM, classes) : new GruHead(classes);
    }

    /** Whether pretraining adds the contrastive loss (CrossHAR). */
    public boolean contrastive() {
        return instanceNorm;
    }

    /** Votes per window of the zero-shot head (LiMU-BERT's 1 s sub-windows: 6; CrossHAR 1). */
    public int zeroShotVotes() {
        return zeroShotVotes;
    }

    /** Whether the zero-shot head keeps its best validation loss (CrossHAR) rather than accuracy (LiMU-BERT). */
    public boolean zeroShotSelectsByLoss() {
        return instanceNorm;
    }

    /**
     * The model input of {@link BaselineInput} windows {@code (N, T, 6)}: acc / 9.8 (LiMU-BERT), or each sample's
     * channels standardised over time, {@code (x - mean) / sqrt(var + 1e-5)} (CrossHAR's InstanceNorm1d without
     * affine parameters; an all-zero gyroscope stays zero).
     */
    public NDArray normalize(NDArray x) {
        if (instanceNorm) {
            NDArray mean = x.mean(new int[] {1}, true);
            NDArray centred = x.sub(mean);
            NDArray var = centred.square().mean(new int[] {1}, true);
            return centred.div(var.add(1e-5f).sqrt());
        }
        NDArray scale = x.getManager().create(new float[] {1 / G, 1 / G, 1 / G, 1, 1, 1}, new Shape(1, 1, 6))
                .toDevice(x.getDevice(), false);
        return x.mul(scale);
    }

    /** One line for the report. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: encoder d %d, %d heads, ff %d, %s; %s; head %s", displayName, DIM, HEADS,
                FF, repeats == 1 ? "1 layer" : "1 shared layer x" + repeats,
                instanceNorm ? "instance-normalised input, masked + contrastive pretraining"
                        : "acc/9.8, masked-reconstruction pretraining",
                instanceNorm ? "Transformer_ft (Linear 72->100, PE, 1 layer 4 heads ff 2048, mean pool)"
                        : "GRU(72->20 x2)->GRU(20->10)->Linear, zero-shot on 6 one-second sub-windows (majority)");
    }
}
