package io.tsfm.export.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.export.onnx.blocks.BlockContext;
import io.tsfm.export.onnx.blocks.ChannelTextEncoderGraph;
import io.tsfm.export.onnx.blocks.LabelAttentionPoolingGraph;
import io.tsfm.export.onnx.graph.Dim;
import io.tsfm.export.onnx.graph.OnnxGraph;
import io.tsfm.export.onnx.graph.Value;
import io.tsfm.export.onnx.params.ParameterSource;
import java.util.Map;
import java.util.Set;

/**
 * The text-side graphs a bundle needs to serve label and channel-description strings that were not precomputed: the
 * ChannelTextFusion text path ({@link #channelText}) and the learnable label bank ({@link #labelBank}). Both take
 * the frozen text model's token states {@value BundleLayout#TOKENS} {@code (U, K, T_d)} float32 and
 * {@value BundleLayout#TOKEN_MASK} {@code (U, K)} bool with dynamic U and K; the text model itself stays outside
 * (core's {@code MiniLmTextEncoder}). Immutable once built and thread-safe.
 */
public final class TextOnnxGraph {

    private final ModelProto model;
    private final String outputName;
    private final Map<String, long[]> parameters;
    private final Set<String> unused;

    private TextOnnxGraph(ModelProto model, String outputName, Map<String, long[]> parameters, Set<String> unused) {
        this.model = model;
        this.outputName = outputName;
        this.parameters = parameters;
        this.unused = unused;
    }

    /**
     * ChannelTextFusion's text path → {@value BundleLayout#CH} {@code (U, D)}, with the parameters of the training
     * {@code ChannelTextFusion} block at {@code path} of {@code params} (e.g. {@code channel_text_fusion}).
     */
    public static TextOnnxGraph channelText(ParameterSource params, String path, int textDim, int dModel,
                                            int numQueries, int heads) {
        OnnxGraph graph = new OnnxGraph("tsfm_channel_text");
        BlockContext ctx = new BlockContext(graph, params);
        Dim u = Dim.dynamic("U");
        Dim k = Dim.dynamic("K");
        Value tokens = graph.input(BundleLayout.TOKENS, DataType.FLOAT, u, k, Dim.of(textDim));
        Value mask = graph.input(BundleLayout.TOKEN_MASK, DataType.BOOL, u, k);
        Value ch = graph.scoped("channel_text", () -> ChannelTextEncoderGraph.apply(ctx, path, tokens,
                ctx.layers().keyBias(mask, 4), textDim, dModel, numQueries, heads));
        graph.output(ch, BundleLayout.CH, DataType.FLOAT, u, Dim.of(dModel));
        return new TextOnnxGraph(graph.toModel(), BundleLayout.CH, ctx.params().manifest(), ctx.params().unused());
    }

    /**
     * The learnable label bank → {@value BundleLayout#LABEL_EMB} {@code (U, E)} unit rows, with the parameters of the
     * training {@code LabelAttentionPooling} block at {@code path} of {@code params} (e.g. {@code pooling} of the
     * label bank).
     */
    public static TextOnnxGraph labelBank(ParameterSource params, String path, int dim, int numQueries, int heads) {
        OnnxGraph graph = new OnnxGraph("tsfm_label_bank");
        BlockContext ctx = new BlockContext(graph, params);
        Dim u = Dim.dynamic("U");
        Dim k = Dim.dynamic("K");
        Value tokens = graph.input(BundleLayout.TOKENS, DataType.FLOAT, u, k, Dim.of(dim));
        Value mask = graph.input(BundleLayout.TOKEN_MASK, DataType.BOOL, u, k);
        Value emb = graph.scoped("label_bank", () -> LabelAttentionPoolingGraph.apply(ctx, path, tokens,
                ctx.layers().keyBias(mask, 4), dim, numQueries, heads));
        graph.output(emb, BundleLayout.LABEL_EMB, DataType.FLOAT, u, Dim.of(dim));
        return new TextOnnxGraph(graph.toModel(), BundleLayout.LABEL_EMB, ctx.params().manifest(),
                ctx.params().unused());
    }

    /** The ONNX model. */
    public ModelProto model() {
        return model;
    }

    /** The serialised model. */
    public byte[] toBytes() {
        return model.toByteArray();
    }

    /** The graph's output name. */
    public String outputName() {
        return outputName;
    }

    /** Every parameter the graph embeds, name → shape, in reading order. */
    public Map<String, long[]> parameterManifest() {
        return parameters;
    }

    /** Parameters of the source the graph does not use. */
    public Set<String> unusedParameters() {
        return unused;
    }
}
