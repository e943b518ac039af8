package io.tsfm.export.perf;

import io.tsfm.training.model.config.FeatureExtractorType;
import io.tsfm.training.model.config.TsfmConfig;

/**
 * Analytic multiply-accumulates of one window through the serving graph (text side precomputed), counted as the
 * spec's cost estimate (§3.11, {@code results.json → inference_cost_estimate_MACs_per_window}) counts them: matrix
 * products and convolutions only (no softmax, norms or activations), the learned queries' own projections excluded
 * (they are constants). One addition to the spec's method: the graph computes {@code gate_channel(ch)} per window
 * ({@code C·D²}), reported separately as {@link #gateChannel}.
 *
 * @param featureExtractor conv stack, DFT and projections of every (patch, channel)
 * @param encoder          the dual-branch blocks
 * @param gateSensor       ChannelTextFusion's {@code gate_sensor} on every token
 * @param gateChannel      ChannelTextFusion's {@code gate_channel} on every channel's text vector
 * @param channelFusion    the head's cross-channel fusion
 * @param headRest         projection head (and, for pooled tiers, temporal attention and pooling)
 */
public record MacCount(long featureExtractor, long encoder, long gateSensor, long gateChannel, long channelFusion,
                       long headRest) {

    /** The count for a window of {@code patches} patches and {@code channels} channels. */
    public static MacCount of(TsfmConfig c, int patches, int channels) {
        long p = patches;
        long ch = channels;
        long n = p * ch;
        long d = c.getDModel();
        long s = c.getTargetPatchSize();
        int[] cnn = c.getCnnChannels();
        long k = c.getCnnKernelSizes()[0];
        long perToken = 0;
        long in = 1;
        for (int out : cnn) {
            perToken += s * out * in * k;
            in = out;
        }
        if (c.getFeatureExtractorType() == FeatureExtractorType.CNN) {
            perToken += in * d;
        } else {
            long ds = c.getSpectralDim();
            long dt = c.getTemporalDim();
            long bins = c.getFftBins();
            perToken += in * dt + s * bins * 2 + bins * 2 * ds + 2 * ds * ds;
        }
        long f = c.getDimFeedforward();
        long perLayer = 4 * n * d * d + 2 * p * ch * p * d            // temporal attention
                + (c.isUseCrossChannel() ? 4 * n * d * d + 2 * p * ch * ch * d : 0)  // cross-channel attention
                + 2 * n * d * f;                                      // feed-forward
        long df = c.getDModelFused();
        long e = c.getSemanticDim();
        long fusion = n * d * df + multiQuery(df, c.getNumFusionQueries(), ch, c.isUseFusionSelfAttention()) * p;
        long projection = df * 2 * df + 2 * df * 2 * df + 2 * df * e;
        long head;
        if (c.isPerPatchPrediction()) {
            head = projection * p;
        } else {
            long layer = 4 * p * df * df + 2 * p * p * df + 2 * p * df * 4 * df;
            head = layer * c.getNumSemanticTemporalLayers()
                    + multiQuery(df, c.getNumPoolQueries(), p, c.isUsePoolSelfAttention()) + projection;
        }
        boolean text = c.isUseChannelTextFusion();
        return new MacCount(perToken * n, perLayer * c.getNumTemporalLayers(), text ? n * d * d : 0,
                text ? ch * d * d : 0, fusion, head);
    }

    /** One MultiQueryAttention over {@code keys} keys: key/value projections, scores, outputs, self-attention, MLP. */
    private static long multiQuery(long d, long q, long keys, boolean self) {
        long m = 2 * keys * d * d + 2 * q * keys * d + q * d * d;
        if (self) m += 4 * q * d * d + 2 * q * q * d;
        return m + q * d * d + d * d;
    }

    /** Everything the serving graph computes. */
    public long total() {
        return featureExtractor + encoder + gateSensor + gateChannel + channelFusion + headRest;
    }

    /** The spec's method (text side including {@code gate_channel} precomputed). */
    public long specTotal() {
        return total() - gateChannel;
    }
}
