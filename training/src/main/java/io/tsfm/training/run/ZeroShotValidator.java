package io.tsfm.training.run;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.eval.ClassificationMetrics;
import io.tsfm.training.data.BatchAssembler;
import io.tsfm.training.data.TrainingBatch;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.text.TextBank;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Zero-shot closed-set validation on held-out subjects: every validation session is embedded (whole, up to
 * the window limit, default patch length), scored by cosine against the label-bank embeddings of its own
 * dataset's raw labels, and the best label is the prediction. Reports accuracy and macro-F1 per dataset
 * and their mean; chance is {@code 1/labels} per dataset.
 */
final class ZeroShotValidator {

    /** Validation outcome; embeddings are kept for the embedding map. */
    record Result(Map<String, ClassificationMetrics> perDataset, double meanAccuracy, double meanMacroF1,
                  double meanChance, float[][] embeddings, List<String> labels, float[][] labelEmbeddings,
                  List<String> labelNames) {}

    private final TrainableTsfm net;
    private final BatchAssembler assembler;
    private final TextBank text;
    private final Device device;
    private final int batchSize;
    private final boolean frozenLabels;

    ZeroShotValidator(TrainableTsfm net, BatchAssembler assembler, TextBank text, Device device, int batchSize,
                      boolean frozenLabels) {
        this.frozenLabels = frozenLabels;
        this.net = net;
        this.assembler = assembler;
        this.text = text;
        this.device = device;
        this.batchSize = batchSize;
    }

    Result run(NDManager manager) {
        List<Session> sessions = assembler.sessions();
        Map<String, List<Integer>> byDataset = new TreeMap<>();
        for (int i = 0; i < sessions.size(); i++) byDataset.computeIfAbsent(sessions.get(i).dataset(), k -> new ArrayList<>()).add(i);
        ParameterStore ps = new ParameterStore(manager, false);
        Map<String, ClassificationMetrics> per = new LinkedHashMap<>();
        List<float[]> allEmb = new ArrayList<>();
        List<String> allLabels = new ArrayList<>();
        List<float[]> labelEmb = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        double accSum = 0, f1Sum = 0, chanceSum = 0;
        for (Map.Entry<String, List<Integer>> e : byDataset.entrySet()) {
            List<String> candidates = new ArrayList<>(new TreeSet<>(e.getValue().stream().map(i -> sessions.get(i).label()).toList()));
            List<String> truth = new ArrayList<>();
            List<String> pred = new ArrayList<>();
            try (NDScope scope = new NDScope()) {
                NDList tok = text.tokens(manager, candidates);
                NDArray lbl = frozenLabels ? text.pooled(manager, candidates).toDevice(device, false)
                        : net.getLabelBank().apply(ps, tok.get(0).toDevice(device, false), tok.get(1).toDevice(device, false), false);
                float[] lblFlat = lbl.toFloatArray();
                int dim = (int) lbl.getShape().get(1);
                for (int c = 0; c < candidates.size(); c++) {
                    labelEmb.add(java.util.Arrays.copyOfRange(lblFlat, c * dim, (c + 1) * dim));
                    labelNames.add(e.getKey() + ":" + candidates.get(c));
                }
                List<Integer> idx = e.getValue();
                for (int from = 0; from < idx.size(); from += batchSize) {
                    int[] items = idx.subList(from, Math.min(idx.size(), from + batchSize)).stream().mapToInt(Integer::intValue).toArray();
                    TrainingBatch b = assembler.assemble(items, false, new Random(0));
                    var in = Batches.inputs(manager, b, text, device);
                    NDArray emb = Batches.sessionEmbeddings(net.getModel().apply(ps, in, false), in.patchMask());
                    float[] scores = emb.matMul(lbl.transpose()).toFloatArray();
                    float[] embFlat = emb.toFloatArray();
                    for (int r = 0; r < items.length; r++) {
                        int best = 0;
                        for (int c = 1; c < candidates.size(); c++) {
                            if (scores[r * candidates.size() + c] > scores[r * candidates.size() + best]) best = c;
                        }
                        truth.add(b.rawLabels().get(r));
                        pred.add(candidates.get(best));
                        allEmb.add(java.util.Arrays.copyOfRange(embFlat, r * dim, (r + 1) * dim));
                        allLabels.add(b.rawLabels().get(r));
                    }
                }
            }
            ClassificationMetrics m = ClassificationMetrics.of(truth, pred, candidates);
            per.put(e.getKey(), m);
            accSum += m.accuracy();
            f1Sum += m.macroF1();
            chanceSum += 1.0 / candidates.size();
        }
        int n = Math.max(1, per.size());
        return new Result(per, accSum / n, f1Sum / n, chanceSum / n, allEmb.toArray(new float[0][]), allLabels,
                labelEmb.toArray(new float[0][]), labelNames);
    }
}
