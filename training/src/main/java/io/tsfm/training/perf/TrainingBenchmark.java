package io.tsfm.training.perf;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.text.CachedTextEncoder;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.core.text.TextEmbeddingCache;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.training.data.BatchAssembler;
import io.tsfm.training.data.GroupBalancedSampler;
import io.tsfm.training.data.LabelTextAugmenter;
import io.tsfm.training.data.TrainingBatch;
import io.tsfm.training.loss.MemoryBank;
import io.tsfm.training.model.ParameterCounts;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.optim.AdamW;
import io.tsfm.training.run.TrainingStep;
import io.tsfm.training.text.TextBank;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Training throughput per tier on this machine: the trainer's own step (batch assembly from real sessions,
 * forward, InfoNCE with a 512-row queue, backward, AdamW) timed over a number of steps after a warm-up,
 * reported as the median samples/s with the peak resident memory, next to each tier's parameter count and
 * the spec's count. Prints figures; asserts nothing (it is a benchmark, not a test).
 */
public final class TrainingBenchmark {
    /** Trainable parameter counts of the spec (§3.10). */
    public static final Map<String, Long> SPEC_PARAMS = Map.of("tiny", 6_478_114L, "small", 21_187_426L,
            "small_deep", 35_109_346L, "medium", 66_613_346L, "large", 91_966_050L);
    /** The reference implementation's tiny-tier training rate on this kind of 2-core machine (issue #3). */
    public static final double REFERENCE_TINY_SAMPLES_PER_SECOND = 10.5;

    /** One tier's figures. */
    public record Row(String tier, long params, Long specParams, double medianSamplesPerSecond, double p10, double p90,
                      double meanPatches, long peakRssMiB, String note) {}

    private TrainingBenchmark() {}

    public static List<Row> run(List<String> tiers, DataRoot root, List<String> datasetNames, int warmup, int steps,
                                int batchSize, double maxSeconds, PrintStream log) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        DatasetCatalog catalog = DatasetCatalog.load(root);
        List<Session> sessions = new ArrayList<>();
        Map<String, String> descriptions = new HashMap<>();
        for (String n : datasetNames) {
            Dataset d = catalog.read(n, root);
            sessions.addAll(d.sessions());
            descriptions.put(n, d.manifest().description());
        }
        LabelVocabulary vocab = LabelVocabulary.defaults();
        BatchAssembler assembler = new BatchAssembler(sessions, descriptions, vocab, LabelTextAugmenter.defaults(),
                new Patcher(), maxSeconds, Math.min(3, maxSeconds));
        GroupBalancedSampler sampler = new GroupBalancedSampler(sessions.stream().map(s -> vocab.groupOf(s.label())).toList(),
                sessions.stream().mapToInt(Session::numChannels).toArray(), 20);
        List<Row> rows = new ArrayList<>();
        try (MiniLmTextEncoder minilm = MiniLmTextEncoder.builder().optMaxTokens(128).build()) {
            TextBank text = new TextBank(new CachedTextEncoder(minilm, TextEmbeddingCache.openDefault()));
            text.precompute(assembler.allTexts());
            for (String tier : tiers) {
                TsfmConfig cfg = TsfmConfig.tier(tier);
                TrainableTsfm net = new TrainableTsfm(cfg);
                long params = ParameterCounts.trainable(net);
                if (cfg.getContrastiveTextDim() != minilm.hiddenSize()) {
                    rows.add(new Row(tier, params, SPEC_PARAMS.get(tier), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                            "needs a " + cfg.getContrastiveTextDim() + "-d text model (" + cfg.getContrastiveTextModel() + "), not shipped"));
                    continue;
                }
                log.printf(Locale.ROOT, "perf train: %s (%,d parameters): %d warm-up + %d timed steps of %d samples%n",
                        tier, params, warmup, steps, batchSize);
                rows.add(measure(tier, net, params, cfg, assembler, sampler, text, warmup, steps, batchSize));
            }
        }
        return rows;
    }

    private static Row measure(String tier, TrainableTsfm net, long params, TsfmConfig cfg, BatchAssembler assembler,
                               GroupBalancedSampler sampler, TextBank text, int warmup, int steps, int batchSize) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            net.initialize(manager, DataType.FLOAT32);
            for (Pair<String, Parameter> p : net.getParameters()) p.getValue().getArray().setRequiresGradient(true);
            AdamW opt = new AdamW(manager, 1e-4, 1e-5);
            MemoryBank bank = new MemoryBank(512, cfg.getSemanticDim());
            ParameterStore ps = new ParameterStore(manager, false);
            Random rng = new Random(7);
            double[] rates = new double[steps];
            long patches = 0;
            for (int i = 0; i < warmup + steps; i++) {
                long t0 = System.nanoTime();
                TrainingBatch b = assembler.assemble(sampler.nextBatch(batchSize, rng), true, rng);
                TrainingStep.step(net, ps, b, text, bank, manager, Device.cpu(), 1, true);
                TrainingStep.applyGradients(opt, net.getParameters(), manager);
                double secs = (System.nanoTime() - t0) / 1e9;
                if (i >= warmup) {
                    rates[i - warmup] = batchSize / secs;
                    for (boolean m : b.patches().patchMask()) patches += m ? 1 : 0;
                }
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            return new Row(tier, params, SPEC_PARAMS.get(tier), percentile(sorted, 0.5), percentile(sorted, 0.1),
                    percentile(sorted, 0.9), patches / (double) (steps * batchSize), peakRssMiB(), "");
        }
    }

    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Peak resident set of this process so far (Linux VmHWM), in MiB; 0 where unknown. */
    static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: reported as unknown
        }
        return 0;
    }

    /** Prints the rows as a table, with the tiny tier's ratio to the reference implementation. */
    public static void print(List<Row> rows, PrintStream out) {
        out.printf("%-11s %12s %12s %10s %16s %9s %10s  %s%n", "tier", "params", "spec params", "samples/s",
                "p10..p90", "patches", "peak RSS", "note");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-11s %,12d %,12d %10.1f %7.1f..%-7.1f %9.1f %7d MiB  %s%n", r.tier(), r.params(),
                    r.specParams() == null ? 0 : r.specParams(), r.medianSamplesPerSecond(), r.p10(), r.p90(),
                    r.meanPatches(), r.peakRssMiB(), r.note());
        }
        rows.stream().filter(r -> r.tier().equals("tiny") && !Double.isNaN(r.medianSamplesPerSecond())).findFirst()
                .ifPresent(r -> out.printf(Locale.ROOT, "%ntiny: %.1f samples/s = %.1fx the reference implementation's %.1f samples/s "
                        + "on this kind of machine%n", r.medianSamplesPerSecond(), r.medianSamplesPerSecond()
                        / REFERENCE_TINY_SAMPLES_PER_SECOND, REFERENCE_TINY_SAMPLES_PER_SECOND));
        out.println("(peak RSS is the process high-water mark so far: tiers run smallest first)");
    }
}
