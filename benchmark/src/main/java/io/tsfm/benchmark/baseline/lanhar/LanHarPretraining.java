package io.tsfm.benchmark.baseline.lanhar;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.tsfm.training.optim.AdamW;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * LanHAR's two training stages on the training datasets only (spec §6.6), on a {@link LanHarModel}.
 *
 * <p>Stage 1 (text): the text adapter learns to map each template description of an activity onto the adapted
 * embedding of the activity's name: symmetric InfoNCE at a fixed temperature of 0.07 over batches of
 * {@code stage1Batch} descriptions of distinct activities (so every other name in a batch is a true negative).
 * Stage 2 (sensor–text CLIP): with the adapter frozen, the sensor transformer and the logit scale learn to place
 * each gravity-aligned window next to the adapted embedding of one of its activity's texts (name or a description,
 * drawn anew each time), symmetric InfoNCE with same-activity pairs as positives ({@link ClipLoss}).
 *
 * <p>Both stages use {@link AdamW} on their own parameters, gradients clipped to norm 1. Not thread-safe.
 */
public final class LanHarPretraining {
    /** Stage 1's fixed temperature. */
    static final float STAGE1_SCALE = 1 / 0.07f;
    /** CLIP's cap on the learned logit scale (ln 100). */
    static final float MAX_LOG_SCALE = (float) Math.log(100);

    private final LanHarModel model;
    private final Random rng;

    public LanHarPretraining(LanHarModel model) {
        this.model = model;
        this.rng = new Random(model.net().config().seed());
    }

    /** One loss value per step, with its epoch. */
    public record StepLoss(int epoch, int step, double loss) {}

    /**
     * Stage 1 over {@code labels}: each epoch shows every description of every label once.
     *
     * @param maxSteps stop after this many steps (≤ 0: no limit), for quick checks
     * @return the loss of every step
     */
    public List<StepLoss> textStage(List<String> labels, int epochs, int maxSteps, Consumer<StepLoss> progress) {
        LanHarConfig c = model.net().config();
        List<String> all = new ArrayList<>();
        for (String l : labels) all.addAll(model.textsOf(l));
        model.text().prepare(all);
        PairList<String, Parameter> params = model.parameters("text_adapter");
        AdamW opt = new AdamW(model.manager(), c.stage1Lr(), c.weightDecay());
        List<StepLoss> out = new ArrayList<>();
        int descriptions = model.descriptions().describe(labels.get(0)).size();
        int step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int round = 0; round < descriptions; round++) {
                List<String> order = new ArrayList<>(labels);
                Collections.shuffle(order, rng);
                for (int from = 0; from + 1 < order.size(); from += c.stage1Batch()) {
                    List<String> batch = order.subList(from, Math.min(order.size(), from + c.stage1Batch()));
                    if (batch.size() < 2) continue;
                    List<String> desc = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    int[] classes = new int[batch.size()];
                    for (int i = 0; i < batch.size(); i++) {
                        desc.add(model.descriptions().describe(batch.get(i)).get(round));
                        names.add(model.descriptions().name(batch.get(i)));
                        classes[i] = i;
                    }
                    double loss = textStep(params, opt, desc, names, classes);
                    StepLoss s = new StepLoss(epoch, ++step, loss);
                    out.add(s);
                    if (progress != null) progress.accept(s);
                    if (maxSteps > 0 && step >= maxSteps) return out;
                }
            }
        }
        return out;
    }

    private double textStep(PairList<String, Parameter> params, AdamW opt, List<String> desc, List<String> names,
                            int[] classes) {
        NDManager m = model.manager();
        ParameterStore ps = new ParameterStore(m, false);
        try (NDScope scope = new NDScope()) {
            NDList d = model.text().batch(m, desc);
            NDList n = model.text().batch(m, names);
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray a = LanHarModel.normalize(model.net().textAdapter().apply(ps, d.get(0), d.get(1), true));
                NDArray b = LanHarModel.normalize(model.net().textAdapter().apply(ps, n.get(0), n.get(1), true));
                NDArray loss = ClipLoss.loss(a, b, m.create(new float[] {STAGE1_SCALE}), classes);
                gc.backward(loss);
                value = loss.getFloat();
            }
            // the update runs outside the recording scope: in-place changes of leaves are refused inside it
            opt.step(params, 1.0);
            return value;
        }
    }

    /**
     * Stage 2: CLIP between gravity-aligned windows and their activities' texts, the text adapter frozen.
     *
     * @param aligned  gravity-aligned 20 Hz windows {@code [120][6]}
     * @param labels   the training label of each window
     * @param maxSteps stop after this many steps (≤ 0: no limit)
     */
    public List<StepLoss> clipStage(List<float[][]> aligned, List<String> labels, int epochs, int maxSteps,
                                    Consumer<StepLoss> progress) {
        if (aligned.size() != labels.size()) {
            throw new IllegalArgumentException(aligned.size() + " windows but " + labels.size() + " labels");
        }
        LanHarConfig c = model.net().config();
        // the frozen adapter's embedding of every text of every training label, computed once
        Map<String, Integer> classOf = new TreeMap<>();
        for (String l : labels) classOf.putIfAbsent(l, 0);
        int k = 0;
        for (Map.Entry<String, Integer> e : classOf.entrySet()) e.setValue(k++);
        Map<String, List<float[]>> textEmb = new LinkedHashMap<>();
        for (String l : classOf.keySet()) {
            List<String> texts = model.textsOf(l);
            float[][] e = model.embedTexts(texts);
            textEmb.put(l, List.of(e));
        }
        PairList<String, Parameter> params = model.parameters("sensor_encoder", "logit_scale");
        AdamW opt = new AdamW(model.manager(), c.stage2Lr(), c.weightDecay());
        List<StepLoss> out = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < aligned.size(); i++) order.add(i);
        int step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Collections.shuffle(order, rng);
            for (int from = 0; from < order.size(); from += c.stage2Batch()) {
                List<Integer> idx = order.subList(from, Math.min(order.size(), from + c.stage2Batch()));
                if (idx.size() < 2) continue;
                List<float[][]> w = new ArrayList<>(idx.size());
                int[] classes = new int[idx.size()];
                float[][] t = new float[idx.size()][];
                for (int i = 0; i < idx.size(); i++) {
                    String l = labels.get(idx.get(i));
                    w.add(aligned.get(idx.get(i)));
                    classes[i] = classOf.get(l);
                    List<float[]> options = textEmb.get(l);
                    t[i] = options.get(rng.nextInt(options.size()));
                }
                double loss = clipStep(params, opt, w, t, classes);
                StepLoss s = new StepLoss(epoch, ++step, loss);
                out.add(s);
                if (progress != null) progress.accept(s);
                if (maxSteps > 0 && step >= maxSteps) return out;
            }
        }
        return out;
    }

    private double clipStep(PairList<String, Parameter> params, AdamW opt, List<float[][]> windows, float[][] texts,
                            int[] classes) {
        NDManager m = model.manager();
        ParameterStore ps = new ParameterStore(m, false);
        try (NDScope scope = new NDScope()) {
            NDArray x = LanHarModel.windows(m, windows);
            NDArray t = m.create(texts);
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray s = LanHarModel.normalize(model.net().sensorEncoder().apply(ps, x, true));
                NDArray scale = model.net().logitScale(ps, x, true).clip(0f, MAX_LOG_SCALE).exp();
                NDArray loss = ClipLoss.loss(s, t, scale, classes);
                gc.backward(loss);
                value = loss.getFloat();
            }
            opt.step(params, 1.0);
            return value;
        }
    }
}
