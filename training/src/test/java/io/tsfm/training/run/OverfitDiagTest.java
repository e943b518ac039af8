package io.tsfm.training.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.tsfm.core.data.*;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.text.*;
import io.tsfm.training.data.*;
import io.tsfm.training.loss.PatchFlattening;
import io.tsfm.training.model.*;
import io.tsfm.training.optim.AdamW;
import io.tsfm.training.text.TextBank;
import java.util.*;
import org.junit.jupiter.api.Test;

class OverfitDiagTest {
    @Test
    void diag() throws Exception {
        Dataset d = DatasetCatalog.load().read("hapt", DataRoot.resolve());
        List<Session> ss = d.sessions();
        BatchAssembler asm = new BatchAssembler(ss, Map.of("hapt", d.manifest().description()), LabelVocabulary.defaults(),
                LabelTextAugmenter.defaults(), new Patcher(), 12, 3);
        Random rng = new Random(1);
        int[] items = new int[32];
        for (int i = 0; i < 32; i++) items[i] = rng.nextInt(ss.size());
        TrainingBatch b = asm.assemble(items, false, rng);
        try (MiniLmTextEncoder enc = MiniLmTextEncoder.builder().optMaxTokens(128).build(); NDManager m = NDManager.newBaseManager()) {
            TextBank text = new TextBank(enc);
            TrainableTsfm net = new TrainableTsfm(TsfmConfig.tier(System.getProperty("tier", "micro")));
            net.initialize(m, DataType.FLOAT32);
            var params = net.getParameters();
            for (Pair<String, Parameter> p : params) p.getValue().getArray().setRequiresGradient(true);
            AdamW opt = new AdamW(m, Double.parseDouble(System.getProperty("lr", "1e-3")), 1e-5);
            ParameterStore ps = new ParameterStore(m, false);
            List<String> cands = new ArrayList<>(new TreeSet<>(b.rawLabels()));
            for (int step = 0; step < 60; step++) {
                float loss;
                try (NDScope scope = new NDScope()) {
                    var in = Batches.inputs(m, b, text, Device.cpu());
                    NDList lt = text.tokens(m, b.labelTexts());
                    NDArray li = m.create(b.labelIndex());
                    NDArray fr = text.pooled(m, b.labelTexts());
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray out = net.getModel().apply(ps, in, true);
                        NDArray labels = net.getLabelBank().apply(ps, lt.get(0), lt.get(1), true);
                        NDArray u = PatchFlattening.validRows(out, in.patchMask());
                        NDArray rl = li.get(PatchFlattening.rowSampleIndex(in.patchMask()));
                        NDList lo = net.getLoss().apply(ps, u, Boolean.getBoolean("frozen") ? fr.get(rl) : labels.get(rl), fr.get(rl), null, null, true);
                        gc.backward(lo.get(0));
                        loss = lo.get(0).getFloat();
                        if (step % 10 == 0) {
                            System.out.printf("step %d loss %.4f tau %.2f u-std %.4f t-std %.4f%n", step, loss, lo.get(1).getFloat(),
                                    u.sub(u.mean(new int[]{0})).square().mean().getFloat(), labels.sub(labels.mean(new int[]{0})).square().mean().getFloat());
                        }
                    }
                    Map<String, NDArray> grads = new LinkedHashMap<>();
                    for (Pair<String, Parameter> p : params) grads.put(p.getKey(), p.getValue().getArray().getGradient());
                    if (step % 20 == 0) {
                        for (var e : grads.entrySet()) { double n = Math.sqrt(e.getValue().square().sum().getFloat()); if (step==0) System.out.printf("  %s %.2e%n", e.getKey(), n);}
                    }
                    AdamW.clipGradNorm(new ArrayList<>(grads.values()), 1.0);
                    opt.update(params, grads);
                    for (NDArray g : grads.values()) g.subi(g);
                }
                if (step % 10 == 9) {
                    try (NDScope scope = new NDScope()) {
                        var in = Batches.inputs(m, b, text, Device.cpu());
                        NDArray emb = Batches.sessionEmbeddings(net.getModel().apply(ps, in, false), in.patchMask());
                        NDList ct = text.tokens(m, cands);
                        NDArray lbl = Boolean.getBoolean("frozen") ? text.pooled(m, cands) : net.getLabelBank().apply(ps, ct.get(0), ct.get(1), false);
                        long[] am = emb.matMul(lbl.transpose()).argMax(1).toLongArray();
                        int ok = 0;
                        for (int i = 0; i < am.length; i++) if (cands.get((int) am[i]).equals(b.rawLabels().get(i))) ok++;
                        System.out.printf("   train-batch closed-set acc %d/32 (labels %d)%n", ok, cands.size());
                    }
                }
            }
        }
    }
}
