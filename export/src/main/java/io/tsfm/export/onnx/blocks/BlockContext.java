package io.tsfm.export.onnx.blocks;

import io.tsfm.export.onnx.graph.Layers;
import io.tsfm.export.onnx.graph.OnnxGraph;
import io.tsfm.export.onnx.graph.Ops;
import io.tsfm.export.onnx.graph.Value;
import io.tsfm.export.onnx.params.ParameterReader;
import io.tsfm.export.onnx.params.ParameterSource;

/**
 * What every block builder needs: the graph's {@link Ops} and {@link Layers} and the {@link ParameterReader} of the
 * build, plus shortcuts that read a layer's parameters by its path ({@code path + ".weight"} etc.) with the training
 * blocks' shapes and apply it. Not thread-safe (one build, one thread).
 */
public final class BlockContext {

    private final OnnxGraph graph;
    private final Ops ops;
    private final Layers layers;
    private final ParameterReader params;

    /** A context building into {@code graph} with weights from {@code source}. */
    public BlockContext(OnnxGraph graph, ParameterSource source) {
        this.graph = graph;
        this.ops = new Ops(graph);
        this.layers = new Layers(ops);
        this.params = new ParameterReader(source);
    }

    /** The graph under construction. */
    public OnnxGraph graph() {
        return graph;
    }

    /** Primitive ops. */
    public Ops ops() {
        return ops;
    }

    /** Layer helpers. */
    public Layers layers() {
        return layers;
    }

    /** The parameter reader of this build. */
    public ParameterReader params() {
        return params;
    }

    /** Linear layer at {@code path}: {@code weight (out, in)}, {@code bias (out)}. */
    public Value dense(String path, Value x, long in, long out) {
        return layers.linear(path, x, params.get(path + ".weight", out, in), params.get(path + ".bias", out));
    }

    /** Bias-free Linear layer at {@code path}: {@code weight (out, in)}. */
    public Value denseNoBias(String path, Value x, long in, long out) {
        return layers.linear(path, x, params.get(path + ".weight", out, in), null);
    }

    /** LayerNorm at {@code path}: {@code weight (dim)}, {@code bias (dim)}. */
    public Value layerNorm(String path, Value x, long dim) {
        return layers.layerNorm(path, x, params.get(path + ".weight", dim), params.get(path + ".bias", dim));
    }

    /** Exact GELU. */
    public Value gelu(Value x) {
        return layers.gelu(x);
    }
}
