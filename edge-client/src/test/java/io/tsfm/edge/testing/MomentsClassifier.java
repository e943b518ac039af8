package io.tsfm.edge.testing;

import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * TEST ONLY: a small deterministic stand-in for the ONNX bundle classifier until {@code OnnxWindowClassifier} is on
 * main. It embeds a window as each channel's mean and standard deviation spread over random directions seeded by the
 * channel's description, plus the rate, and a label as a random direction seeded by its text; the score is their
 * cosine. Every input the real model reads (samples, rate, descriptions, labels) changes the result, and a window's
 * result does not depend on its batch. Non-finite samples give an error result. Thread-safe.
 */
public final class MomentsClassifier implements WindowClassifier {
    private static final int DIM = 24;

    private final String modelId;
    private volatile boolean closed;

    public MomentsClassifier() {
        this.modelId = sha256("moments-classifier-v1");
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        return closed;
    }

    @Override
    public List<Classification> classify(List<SensorWindow> windows, LabelSet labels, int k) {
        List<Classification> out = new ArrayList<>(windows.size());
        for (SensorWindow w : windows) out.add(classify(w, labels, k));
        return out;
    }

    private Classification classify(SensorWindow w, LabelSet labels, int k) {
        double[] v = new double[DIM];
        for (int c = 0; c < w.samples().length; c++) {
            float[] ch = w.samples()[c];
            double sum = 0;
            double sq = 0;
            for (float x : ch) {
                if (!Float.isFinite(x)) return new Classification(w.id(), List.of(), "channel " + c + " holds " + x);
                sum += x;
                sq += (double) x * x;
            }
            double mean = sum / ch.length;
            double std = Math.sqrt(Math.max(0, sq / ch.length - mean * mean));
            double[] a = direction("mean|" + w.channelDescriptions().get(c));
            double[] b = direction("std|" + w.channelDescriptions().get(c));
            for (int i = 0; i < DIM; i++) v[i] += Math.tanh(mean / 10) * a[i] + Math.tanh(std) * b[i];
        }
        double[] r = direction("rate");
        for (int i = 0; i < DIM; i++) v[i] += (w.rateHz() / 100.0) * r[i];
        normalize(v);
        List<Classification.ScoredLabel> scored = new ArrayList<>();
        for (String label : labels.labels()) {
            double[] l = direction("label|" + label);
            double dot = 0;
            for (int i = 0; i < DIM; i++) dot += v[i] * l[i];
            scored.add(new Classification.ScoredLabel(label, (float) Math.max(-1, Math.min(1, dot))));
        }
        scored.sort(Comparator.comparingDouble((Classification.ScoredLabel s) -> s.score()).reversed());
        return new Classification(w.id(), List.copyOf(scored.subList(0, Math.min(k, scored.size()))), null);
    }

    private static double[] direction(String seedText) {
        Random random = new Random(seedText.hashCode() * 0x9E3779B97F4A7C15L);
        double[] d = new double[DIM];
        for (int i = 0; i < DIM; i++) d[i] = random.nextGaussian();
        normalize(d);
        return d;
    }

    private static void normalize(double[] v) {
        double n = 0;
        for (double x : v) n += x * x;
        n = Math.sqrt(n);
        if (n > 0) for (int i = 0; i < v.length; i++) v[i] /= n;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
