package io.tsfm.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.tsfm.training.model.WeightDecayRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW with the reference's two parameter groups (spec §4.6): decoupled weight decay for every
 * parameter whose name contains none of the no-decay substrings, none for the rest; gradient-norm
 * clipping per group of parameters; the learning rate set from outside (per epoch). Written here rather
 * than using DJL's optimizer because DJL applies one weight decay to all parameters and its trackers
 * count updates, not epochs. Not thread-safe.
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDManager manager;
    private final Map<String, NDArray[]> state = new HashMap<>();
    private long step;
    private double lr;
    private java.util.function.Predicate<String> decayed = AdamW::decays;

    public AdamW(NDManager manager, double lr, double weightDecay) {
        this(manager, lr, weightDecay, 0.9, 0.999, 1e-8);
    }

    public AdamW(NDManager manager, double lr, double weightDecay, double beta1, double beta2, double eps) {
        this.manager = manager;
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    /**
     * Replaces the reference's no-decay name rule: {@code rule} says, by full parameter name, which parameters are
     * weight-decayed (fine-tuning decays all of them, spec §6.5).
     */
    public void setDecayRule(java.util.function.Predicate<String> rule) {
        this.decayed = java.util.Objects.requireNonNull(rule);
    }

    public double learningRate() {
        return lr;
    }

    public long steps() {
        return step;
    }

    /** Whether a parameter (by its full name) is weight-decayed: the reference's name rule. */
    public static boolean decays(String name) {
        return WeightDecayRule.isDecayed(name);
    }

    /**
     * Scales the gradients so their joint L2 norm is at most {@code maxNorm}.
     *
     * @return the norm before clipping
     */
    public static double clipGradNorm(List<NDArray> grads, double maxNorm) {
        double sq = 0;
        for (NDArray g : grads) sq += g.square().sum().getFloat();
        double norm = Math.sqrt(sq);
        if (norm > maxNorm && norm > 0) {
            float f = (float) (maxNorm / (norm + 1e-6));
            for (NDArray g : grads) g.muli(f);
        }
        return norm;
    }

    /** One update of every parameter from its gradient array. */
    public void update(PairList<String, Parameter> params, Map<String, NDArray> grads) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        for (Pair<String, Parameter> p : params) {
            NDArray g = grads.get(p.getKey());
            if (g == null) continue;
            NDArray w = p.getValue().getArray();
            NDArray[] mv = state.computeIfAbsent(p.getKey(), k -> {
                NDArray m = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
                NDArray v = manager.zeros(w.getShape(), w.getDataType(), w.getDevice());
                // optimizer state outlives any NDScope the update runs in
                ai.djl.ndarray.NDScope.unregister(m, v);
                return new NDArray[] {m, v};
            });
            mv[0].muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            mv[1].muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
            if (weightDecay > 0 && decayed.test(p.getKey())) w.muli((float) (1 - lr * weightDecay));
            NDArray denom = mv[1].div((float) bc2).sqrt().addi((float) eps);
            w.subi(mv[0].div(denom).muli((float) (lr / bc1)));
        }
    }

    /**
     * One update of {@code params} from the gradients they hold, which are then zeroed for the next step; with
     * {@code maxNorm > 0} the gradients are first scaled to that joint L2 norm at most ({@link #clipGradNorm}).
     */
    public void step(PairList<String, Parameter> params, double maxNorm) {
        try (NDScope scope = new NDScope()) {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : params) grads.put(p.getKey(), p.getValue().getArray().getGradient());
            if (maxNorm > 0) clipGradNorm(new ArrayList<>(grads.values()), maxNorm);
            update(params, grads);
            for (NDArray g : grads.values()) g.subi(g);
        }
    }

    /** Writes the step count and both moments of every parameter that has them (for resuming). */
    public void save(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeLong(step);
        out.writeInt(state.size());
        for (Map.Entry<String, NDArray[]> e : new java.util.TreeMap<>(state).entrySet()) {
            out.writeUTF(e.getKey());
            writeArray(out, e.getValue()[0]);
            writeArray(out, e.getValue()[1]);
        }
    }

    /** Reads what {@link #save} wrote; every saved parameter must still exist with the same shape. */
    public void load(java.io.DataInputStream in, PairList<String, Parameter> params) throws java.io.IOException {
        step = in.readLong();
        int n = in.readInt();
        Map<String, Parameter> byName = new HashMap<>();
        for (Pair<String, Parameter> p : params) byName.put(p.getKey(), p.getValue());
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            NDArray m = readArray(in);
            NDArray v = readArray(in);
            Parameter p = byName.get(name);
            if (p == null || !p.getArray().getShape().equals(m.getShape())) {
                throw new java.io.IOException("optimizer state for '" + name + "' " + m.getShape()
                        + " does not match the model (checkpoint from another configuration?)");
            }
            NDArray md = m.toDevice(p.getArray().getDevice(), false);
            NDArray vd = v.toDevice(p.getArray().getDevice(), false);
            ai.djl.ndarray.NDScope.unregister(md, vd);
            state.put(name, new NDArray[] {md, vd});
        }
    }

    private static void writeArray(java.io.DataOutputStream out, NDArray a) throws java.io.IOException {
        byte[] b = a.encode();
        out.writeInt(b.length);
        out.write(b);
    }

    private NDArray readArray(java.io.DataInputStream in) throws java.io.IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return NDArray.decode(manager, b);
    }
}
