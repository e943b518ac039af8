package io.tsfm.benchmark.baseline.neural;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A baseline's zero-shot model in DJL: encoder and head over the training labels, scoring
 * {@link BaselineModel#votes()} sub-windows per window. Owns its NDManager. Not thread-safe.
 */
public final class NeuralScorer implements TrainingLabelScorer {
    private final NDManager manager;
    private final BaselineModel model;
    private final List<String> labels;
    private final String modelId;

    /**
     * @param manager owned, closed with the scorer
     * @param model   initialised and loaded on {@code manager}
     */
    public NeuralScorer(NDManager manager, BaselineModel model, List<String> labels, String modelId) {
        this.manager = manager;
        this.model = model;
        this.labels = List.copyOf(labels);
        this.modelId = modelId;
        if (model.classes() != labels.size()) {
            throw new IllegalArgumentException("the head has " + model.classes() + " outputs for " + labels.size()
                    + " labels");
        }
    }

    /** A manager on the CPU, with DJL's offline switches set. */
    public static NDManager cpuManager() {
        NeuralRuntime.init();
        return NDManager.newBaseManager(Device.cpu());
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[][][] scores(float[][][] inputs) {
        float[][][] out = new float[inputs.length][model.votes()][labels.size()];
        try (NDScope scope = new NDScope()) {
            NDArray s = model.scores(new ParameterStore(manager, false),
                    BaselineFineTuner.batch(manager, inputs, BaselineFineTuner.permutation(inputs.length, null), 0, inputs.length), false);
            float[] flat = s.toFloatArray();
            int k = 0;
            for (float[][] w : out) for (float[] row : w) for (int c = 0; c < row.length; c++) row[c] = flat[k++];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
