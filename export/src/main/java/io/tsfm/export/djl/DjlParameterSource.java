package io.tsfm.export.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.tsfm.export.onnx.params.MapParameterSource;
import io.tsfm.export.onnx.params.ParameterSource;
import io.tsfm.export.onnx.params.ParameterTensor;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The trained weights of a DJL block tree as a {@link ParameterSource}: each parameter is named by its path of child
 * blocks joined with '.', DJL's {@code %02d} child-order prefix stripped, then the parameter name (DJL's
 * {@code 01encoder_03layer0_01temporal_attn_01query_weight} becomes {@code encoder.layer0.temporal_attn.query.weight}).
 * The tree is walked rather than DJL's flat names split, because block names contain underscores.
 *
 * <p>Values are copied out of the engine when the source is made, so the source outlives the block's NDManager.
 * Immutable and thread-safe.
 */
public final class DjlParameterSource implements ParameterSource {

    private final MapParameterSource params;

    private DjlParameterSource(MapParameterSource params) {
        this.params = params;
    }

    /**
     * Copies every initialised parameter of {@code root} and its descendants, named relative to {@code root}.
     *
     * @throws IllegalStateException naming a parameter that is not initialised or not float32
     */
    public static DjlParameterSource of(Block root) {
        MapParameterSource.Builder b = MapParameterSource.builder();
        collect(root, "", b);
        return new DjlParameterSource(b.build());
    }

    private static void collect(Block block, String prefix, MapParameterSource.Builder out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String name = prefix + p.getKey();
            Parameter param = p.getValue();
            if (!param.isInitialized()) {
                throw new IllegalStateException("DJL parameter '" + name + "' is not initialised");
            }
            NDArray a = param.getArray();
            if (a.getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
                throw new IllegalStateException("DJL parameter '" + name + "' is " + a.getDataType()
                        + ", only float32 is exported");
            }
            out.put(name, new ParameterTensor(a.toFloatArray(), a.getShape().getShape()));
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + childName(child.getKey()) + ".", out);
        }
    }

    /** DJL names children {@code String.format("%02d%s", index, name)}; the name is what follows the digits. */
    static String childName(String djlName) {
        if (djlName.length() < 3 || !Character.isDigit(djlName.charAt(0)) || !Character.isDigit(djlName.charAt(1))) {
            throw new IllegalArgumentException("DJL child block name '" + djlName + "' lacks the %02d order prefix");
        }
        return djlName.substring(2);
    }

    @Override
    public ParameterTensor get(String name) {
        if (!params.contains(name)) {
            throw new NoSuchElementException("the DJL model has no parameter '" + name + "' (" + params.names().size()
                    + " parameters)");
        }
        return params.get(name);
    }

    @Override
    public boolean contains(String name) {
        return params.contains(name);
    }

    @Override
    public Set<String> names() {
        return params.names();
    }
}
