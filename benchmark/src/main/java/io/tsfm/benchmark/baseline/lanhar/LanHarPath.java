package io.tsfm.benchmark.baseline.lanhar;

import io.tsfm.benchmark.baseline.neural.BaselineInput;
import io.tsfm.benchmark.protocol.BenchmarkDataset;
import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.run.InferencePath;
import io.tsfm.benchmark.run.WindowPrediction;
import io.tsfm.core.runtime.LabelSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * LanHAR zero-shot as an inference path: each window ({@link BaselineInput}, gravity-aligned) is embedded by the
 * sensor transformer and answered with the label whose text prototype is nearest by cosine. Unlike a classifier
 * over fixed training labels it scores any label text, so closed-set asks it for exactly the test labels (spec §6.4,
 * exact match) and open-set for every training label (scored by synonym group). Owns and closes the model; not
 * thread-safe.
 */
public final class LanHarPath implements InferencePath {
    private final LanHarModel model;
    private final String modelId;
    private final Map<List<String>, float[][]> prototypes = new HashMap<>();

    /**
     * @param model   the pretrained model (closed with this path)
     * @param modelId the pretrain checkpoint's model hash
     */
    public LanHarPath(LanHarModel model, String modelId) {
        this.model = model;
        this.modelId = modelId;
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public List<WindowPrediction> classify(BenchmarkDataset dataset, List<BenchmarkWindow> windows, LabelSet labels,
                                           IntConsumer progress) {
        List<String> candidates = labels.labels();
        float[][] protos = prototypes.computeIfAbsent(List.copyOf(candidates), model::prototypes);
        List<WindowPrediction> out = new ArrayList<>(windows.size());
        for (int from = 0; from < windows.size(); from += LanHarModel.EVAL_BATCH) {
            List<BenchmarkWindow> batch = windows.subList(from, Math.min(windows.size(), from + LanHarModel.EVAL_BATCH));
            List<float[][]> inputs = new ArrayList<>(batch.size());
            for (BenchmarkWindow w : batch) inputs.add(LanHarModel.input(BaselineInput.of(w)));
            int[] best = LanHarModel.argmaxCosine(model.embedWindows(inputs), protos);
            for (int i = 0; i < batch.size(); i++) out.add(WindowPrediction.of(batch.get(i).key(), candidates.get(best[i])));
            progress.accept(batch.size());
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
