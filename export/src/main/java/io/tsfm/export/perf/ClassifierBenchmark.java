package io.tsfm.export.perf;

import ai.djl.pytorch.jni.JniUtils;
import io.tsfm.core.math.EmbeddingMath;
import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.runtime.LabelEncoderKind;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.export.djl.DjlInference;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.run.Checkpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serving speed of model bundles on this machine: windows/s and p50/p99 latency per call of
 * {@link OnnxWindowClassifier#classify} (preprocessing, model, scoring; text vectors cached after the warm-up) at
 * several batch sizes and intra-op thread counts, next to the same windows through the checkpoint in DJL eager
 * inference (patching, forward, mean and scoring), and the model's analytic multiply-accumulates per window as a
 * fraction of the machine's measured matrix-product rate. Prints figures; asserts nothing (a benchmark, not a test).
 */
public final class ClassifierBenchmark {

    private ClassifierBenchmark() {}

    /** A bundle and the checkpoint it was exported from. */
    public record Target(String name, Path bundle, Path checkpoint) {}

    /** One measured configuration. */
    public record Row(String target, String engine, int threads, int batch, int calls, double windowsPerSecond,
                      double p50Ms, double p99Ms, long macsPerWindow) {}

    /** Everything measured. */
    public record Report(List<Row> rows, Map<Integer, Double> rooflineMacsPerSecond) {}

    /**
     * Measures every target at every thread count and batch size, ONNX Runtime then DJL.
     *
     * @param windows real windows, all of one shape (cycled through)
     * @param seconds measuring time per configuration (after a warm-up)
     */
    public static Report run(List<Target> targets, List<SensorWindow> windows, LabelSet labels, List<Integer> batches,
                             List<Integer> threads, double seconds, TextEncoder encoder, PrintStream log)
            throws IOException {
        Map<Integer, Double> roofline = new TreeMap<>();
        for (int t : threads) {
            try {
                roofline.put(t, MatMulRoofline.macsPerSecond(512, t, 5));
            } catch (ai.onnxruntime.OrtException e) {
                throw new IOException("roofline measurement failed: " + e.getMessage(), e);
            }
            log.printf(Locale.ROOT, "perf classifier: matrix-product roofline with %d thread(s): %.1f GMAC/s%n", t,
                    roofline.get(t) / 1e9);
        }
        int maxBatch = batches.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Row> rows = new ArrayList<>();
        for (Target target : targets) {
            ModelBundle bundle = ModelBundle.open(target.bundle());
            TsfmConfig config = Checkpoint.readConfig(target.checkpoint());
            Patcher patcher = bundle.patcher();
            PatchedWindow shape = patcher.patch(windows.get(0).samples(), windows.get(0).rateHz(),
                    bundle.patchSeconds());
            long macs = MacCount.of(config, shape.numPatches(), shape.numChannels()).total();
            for (int t : threads) {
                try (OnnxWindowClassifier c = OnnxWindowClassifier.builder().setBundle(target.bundle())
                        .optIntraOpThreads(t).optInterOpThreads(1).optMaxBatchSize(maxBatch).optTextEncoder(encoder)
                        .build()) {
                    Cycle cycle = new Cycle(windows);
                    for (int b : batches) {
                        Row r = measure(target.name(), "onnxruntime", t, b, macs, seconds,
                                () -> c.classify(cycle.next(b), labels, 1));
                        log.println("  " + describe(r));
                        rows.add(r);
                    }
                }
            }
            boolean frozen = bundle.labelEncoder() == LabelEncoderKind.FROZEN;
            try (DjlInference djl = DjlInference.load(target.checkpoint(), encoder)) {
                float[][] lbl = djl.labelEmbeddings(labels.labels(), frozen);
                for (int t : threads) {
                    JniUtils.setNumThreads(t);
                    Cycle cycle = new Cycle(windows);
                    for (int b : batches) {
                        Row r = measure(target.name(), "djl-eager", t, b, macs, seconds, () -> {
                            List<SensorWindow> ws = cycle.next(b);
                            List<PatchedWindow> patched = new ArrayList<>(b);
                            for (SensorWindow w : ws) patched.add(patcher.patch(w.samples(), w.rateHz(), bundle.patchSeconds()));
                            float[][][] emb = djl.embed(patched, ws.stream().map(SensorWindow::channelDescriptions).toList());
                            for (float[][] e : emb) EmbeddingMath.argmaxDot(EmbeddingMath.normalizedMean(e), lbl);
                        });
                        log.println("  " + describe(r));
                        rows.add(r);
                    }
                }
            }
        }
        return new Report(rows, roofline);
    }

    /**
     * Prints the figures as a table. Besides the mean throughput it gives the rate at the median call
     * ({@code batch / p50}), which a machine shared with other work disturbs far less; the ONNX Runtime / DJL ratio,
     * the achieved GMAC/s and the fraction of the roofline are computed from that median rate.
     */
    public static void print(Report report, PrintStream out) {
        out.printf(Locale.ROOT, "%-10s %-12s %7s %5s %6s %11s %11s %9s %9s %8s %8s %9s%n", "model", "engine",
                "threads", "batch", "calls", "windows/s", "w/s @p50", "p50 ms", "p99 ms", "ORT/DJL", "GMAC/s",
                "roofline");
        for (Row r : report.rows()) {
            Row djl = report.rows().stream().filter(x -> x.target().equals(r.target()) && x.engine().equals("djl-eager")
                    && x.threads() == r.threads() && x.batch() == r.batch()).findFirst().orElse(null);
            String ratio = r.engine().equals("onnxruntime") && djl != null
                    ? String.format(Locale.ROOT, "%.2fx", medianRate(r) / medianRate(djl)) : "";
            double gmacs = r.macsPerWindow() * medianRate(r) / 1e9;
            Double roof = report.rooflineMacsPerSecond().get(r.threads());
            out.printf(Locale.ROOT, "%-10s %-12s %7d %5d %6d %11.1f %11.1f %9.2f %9.2f %8s %8.2f %8.1f%%%n",
                    r.target(), r.engine(), r.threads(), r.batch(), r.calls(), r.windowsPerSecond(), medianRate(r),
                    r.p50Ms(), r.p99Ms(), ratio, gmacs, roof == null ? 0 : 100 * gmacs * 1e9 / roof);
        }
        report.rows().stream().map(r -> r.target() + ": " + String.format(Locale.ROOT, "%.1f M", r.macsPerWindow() / 1e6))
                .distinct().forEach(s -> out.println("MACs per window (6 patches x channels, analytic) " + s));
        report.rooflineMacsPerSecond().forEach((t, v) -> out.printf(Locale.ROOT,
                "roofline: 512x512x512 float32 MatMul in ONNX Runtime, %d thread(s): %.1f GMAC/s%n", t, v / 1e9));
    }

    /** Windows per second at the median call. */
    static double medianRate(Row r) {
        return r.batch() / (r.p50Ms() / 1e3);
    }

    private static String describe(Row r) {
        return String.format(Locale.ROOT, "%s %s threads %d batch %d: %.1f windows/s, p50 %.2f ms, p99 %.2f ms "
                + "(%d calls)", r.target(), r.engine(), r.threads(), r.batch(), r.windowsPerSecond(), r.p50Ms(),
                r.p99Ms(), r.calls());
    }

    private static Row measure(String target, String engine, int threads, int batch, long macs, double seconds,
                               Runnable call) {
        call.run();
        call.run();
        List<Long> lat = new ArrayList<>();
        long start = System.nanoTime();
        long total = 0;
        while (lat.size() < 5 || (System.nanoTime() - start) / 1e9 < seconds) {
            long t0 = System.nanoTime();
            call.run();
            long dt = System.nanoTime() - t0;
            lat.add(dt);
            total += dt;
        }
        long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Row(target, engine, threads, batch, sorted.length, (double) batch * sorted.length / (total / 1e9),
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, macs);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Hands out consecutive windows, wrapping around. Not thread-safe. */
    private static final class Cycle {
        private final List<SensorWindow> all;
        private int at;

        Cycle(List<SensorWindow> all) {
            this.all = all;
        }

        List<SensorWindow> next(int n) {
            List<SensorWindow> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(all.get(at));
                at = (at + 1) % all.size();
            }
            return out;
        }
    }
}
