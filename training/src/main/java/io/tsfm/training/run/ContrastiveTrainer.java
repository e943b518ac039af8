package io.tsfm.training.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.core.preprocess.Patcher;
import io.tsfm.core.text.CachedTextEncoder;
import io.tsfm.core.text.MiniLmTextEncoder;
import io.tsfm.core.text.TextEmbeddingCache;
import io.tsfm.core.text.TextEncoder;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.ClassificationMetrics;
import io.tsfm.datasets.plot.CurvePlot;
import io.tsfm.datasets.plot.EmbeddingMap;
import io.tsfm.datasets.progress.ProgressBar;
import io.tsfm.training.data.BatchAssembler;
import io.tsfm.training.data.GroupBalancedSampler;
import io.tsfm.training.data.SamplingBalance;
import io.tsfm.training.data.ImuAugmentation;
import io.tsfm.training.data.LabelTextAugmenter;
import io.tsfm.training.data.SubjectSplit;
import io.tsfm.training.data.TrainingBatch;
import io.tsfm.training.loss.MemoryBank;
import io.tsfm.training.loss.PatchFlattening;
import io.tsfm.training.model.TrainableTsfm;
import io.tsfm.training.model.config.TsfmConfig;
import io.tsfm.training.model.TsfmInputs;
import io.tsfm.training.optim.AdamW;
import io.tsfm.training.optim.LrSchedule;
import io.tsfm.training.text.TextBank;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Contrastive training of TSFM (spec §4) on this machine's CPU or a GPU: group-balanced batches of
 * held-in subjects, soft-target symmetric InfoNCE with a memory bank, AdamW with warm-up and cosine decay,
 * gradient accumulation and clipping; per epoch a zero-shot closed-set validation on held-out subjects,
 * a metrics line, training curves; checkpoints every N epochs and at the end, each with an embedding map.
 *
 * <p>Everything on the text side is computed once: label texts and channel descriptions go through the
 * frozen text encoder a single time (and are cached on disk), and each step runs the learnable text
 * parts only over the step's unique strings. Not thread-safe; one run per instance.
 */
public final class ContrastiveTrainer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainConfig cfg;
    private final DataRoot root;
    private final PrintStream log;

    public ContrastiveTrainer(TrainConfig cfg, DataRoot root, PrintStream log) {
        this.cfg = cfg;
        this.root = root;
        this.log = log;
    }

    /** Outcome of a run. */
    public record Result(Path finalCheckpoint, int epochs, double samplesPerSecond, double firstLoss, double lastLoss,
                         double valAccuracy, double valMacroF1, double chance) {}

    /** Reads the datasets and checks everything that can be checked before any work starts. */
    public List<Dataset> loadDatasets() throws IOException {
        DatasetCatalog catalog = DatasetCatalog.load(root);
        LabelVocabulary vocab = LabelVocabulary.defaults();
        List<Dataset> out = new ArrayList<>();
        for (String name : cfg.datasets()) {
            var reader = catalog.get(name);
            if (reader.info().role() == DatasetRole.ZERO_SHOT) {
                throw new IllegalArgumentException("dataset '" + name + "' is a zero-shot test set: training never reads it");
            }
            Dataset d = catalog.read(name, root);
            if (d.sessions().isEmpty()) throw new IllegalArgumentException("dataset '" + name + "' has no sessions under " + root);
            for (String label : d.labelCounts().keySet()) {
                if (!vocab.contains(label)) {
                    throw new IllegalArgumentException("dataset '" + name + "' has label '" + label
                            + "' that is not in the label vocabulary; add it to a synonym group first");
                }
            }
            out.add(d);
        }
        return out;
    }

    /** Offline, and {@code threads} intra-op threads (0: the engine's default); before the engine first loads. */
    static void configureEngine(int threads) {
        System.setProperty("ai.djl.offline", "true");
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    public Result run() throws IOException {
        configureEngine(cfg.threads());
        TsfmConfig modelConfig = cfg.modelConfig();
        Path start = cfg.resume() != null ? cfg.resume() : cfg.init();
        TsfmConfig saved = start == null ? null : Checkpoint.readConfig(start);
        if (saved != null && !saved.equals(modelConfig)) {
            throw new IllegalArgumentException("checkpoint " + start + " is of another model configuration (tier "
                    + saved.getTier() + ") than requested (tier " + cfg.tier() + ")");
        }
        List<Dataset> datasets = loadDatasets();
        Files.createDirectories(cfg.outDir());
        Device device = pickDevice();

        SplitCorpus corpus = SplitCorpus.of(datasets, cfg);
        Map<String, String> descriptions = corpus.descriptions();
        Map<String, Integer> sessionCounts = corpus.sessionCounts();
        SubjectSplit split = corpus.split();
        LabelVocabulary vocab = LabelVocabulary.defaults();
        LabelTextAugmenter augmenter = LabelTextAugmenter.defaults();
        Patcher patcher = new Patcher();
        BatchAssembler train = new BatchAssembler(split.train(), descriptions, vocab, augmenter, patcher, cfg.maxSeconds(),
                cfg.minCropSeconds(), cfg.augmentation());
        BatchAssembler val = validationSet(split, descriptions, false, cfg);
        log.printf(Locale.ROOT, "tsfm train: tier %s on %s (%s), %d training / %d validation sessions; held-out subjects %s%n",
                cfg.tier(), device, sessionCounts, split.train().size(), split.validation().size(), split.heldOutSubjects());
        log.printf(Locale.ROOT, "  amplitude features %s; augmentation %s; sampler balances %s%n",
                cfg.amplitudeStats() ? "on" : "off", cfg.augmentation(), cfg.balance());
        if (!split.trainOnlyDatasets().isEmpty()) {
            log.println("  note: no subject split possible for " + split.trainOnlyDatasets() + " (single subject): training only");
        }

        try (MiniLmTextEncoder minilm = MiniLmTextEncoder.builder().optMaxTokens(cfg.textMaxTokens()).build();
             NDManager manager = NDManager.newBaseManager(device)) {
            TextEncoder encoder = new CachedTextEncoder(minilm, TextEmbeddingCache.openDefault());
            TextBank text = new TextBank(encoder);
            long t0 = System.nanoTime();
            var texts = new java.util.TreeSet<>(train.allTexts());
            texts.addAll(val.allTexts());
            text.precompute(texts);
            log.printf(Locale.ROOT, "  text side: %d strings encoded once in %.1f s%n", text.size(), (System.nanoTime() - t0) / 1e9);

            // the engine's generator draws the initial weights and every dropout mask: seeded, a run repeats
            ai.djl.engine.Engine.getInstance().setRandomSeed((int) cfg.seed());
            TrainableTsfm net = new TrainableTsfm(modelConfig);
            net.initialize(manager, DataType.FLOAT32);
            PairList<String, Parameter> params = net.getParameters();
            for (Pair<String, Parameter> p : params) p.getValue().getArray().setRequiresGradient(true);
            AdamW opt = new AdamW(manager, cfg.learningRate(), cfg.weightDecay());
            MemoryBank bank = cfg.queueSize() > 0 ? new MemoryBank(cfg.queueSize(), modelConfig.getSemanticDim()) : null;
            int startEpoch = 0;
            if (start != null) {
                Checkpoint.loadParameters(start, net, manager);
                for (Pair<String, Parameter> p : params) p.getValue().getArray().setRequiresGradient(true);
                if (cfg.resume() != null) {
                    startEpoch = (int) Checkpoint.loadTrainingState(start, opt, params, bank)[0];
                    log.printf("  resumed from %s after epoch %d%n", start, startEpoch);
                } else {
                    // parameters only, what a shipped checkpoint keeps: the optimizer's moments and the queue start afresh
                    startEpoch = CheckpointProvenance.readIfPresent(start).map(CheckpointProvenance::epochsDone)
                            .orElse(0);
                    log.printf("  initialised from the parameters of %s (epoch %d); fresh optimizer state and memory "
                            + "bank%n", start, startEpoch);
                }
                ai.djl.engine.Engine.getInstance().setRandomSeed((int) (cfg.seed() + 1000L * startEpoch));
            }

            List<String> groups = split.train().stream().map(s -> vocab.groupOf(s.label())).toList();
            int[] channels = split.train().stream().mapToInt(Session::numChannels).toArray();
            List<String> sources = cfg.balance() == SamplingBalance.DATASETS
                    ? split.train().stream().map(Session::dataset).toList() : null;
            GroupBalancedSampler sampler = new GroupBalancedSampler(groups, sources, channels, 20.0);
            int perEpoch = cfg.samplesPerEpoch() > 0 ? cfg.samplesPerEpoch() : split.train().size();
            int batchesPerEpoch = Math.max(1, perEpoch / cfg.batchSize());
            // a resumed run goes on to the total it was given; a run from a checkpoint's parameters is a new run of
            // its own length (and schedule) whose epochs are numbered on from the checkpoint's
            int scheduleStart = cfg.init() != null ? startEpoch : 0;
            int epochs = cfg.minutes() > 0 ? Integer.MAX_VALUE : scheduleStart + cfg.epochs();
            LrSchedule schedule = new LrSchedule(cfg.learningRate(), cfg.warmupEpochs(), cfg.minutes() > 0 ? 1000 : cfg.epochs(), 0.01);
            ParameterStore ps = new ParameterStore(manager, false);
            Random rng = new Random(cfg.seed() + 1000L * startEpoch);
            Path metricsFile = cfg.outDir().resolve("metrics.jsonl");
            CurvePlot curves = new CurvePlot("TSFM training (" + cfg.tier() + ")", "epoch");
            ZeroShotValidator validator = new ZeroShotValidator(net, val, text, device, 64, cfg.frozenLabels());
            BatchAssembler rotatedVal = validationSet(split, descriptions, true, cfg);
            ZeroShotValidator rotatedValidator = new ZeroShotValidator(net, rotatedVal, text, device, 64,
                    cfg.frozenLabels());

            if (bank != null && cfg.resume() == null) warmQueue(net, ps, train, sampler, text, bank, manager, device, rng);

            long started = System.nanoTime();
            double budgetSeconds = cfg.minutes() * 60;
            double firstLoss = Double.NaN, lastLoss = Double.NaN, lastRate = 0;
            ZeroShotValidator.Result lastVal = null;
            Path lastCheckpoint = null;
            long steps = opt.steps();
            int epoch = startEpoch;
            for (; epoch < epochs; epoch++) {
                if (budgetSeconds > 0 && (System.nanoTime() - started) / 1e9 >= budgetSeconds) break;
                double lr;
                if (budgetSeconds > 0) {
                    // time-budgeted runs: the schedule's shape over the fraction of the budget used
                    double progress = Math.min(1.0, (System.nanoTime() - started) / 1e9 / budgetSeconds);
                    lr = cfg.learningRate() * (progress < 0.03 ? Math.max(progress / 0.03, 0.05)
                            : 0.01 + 0.99 * (1 + Math.cos(Math.PI * (progress - 0.03) / 0.97)) / 2);
                } else {
                    lr = schedule.at(epoch - scheduleStart);
                }
                opt.setLearningRate(lr);
                ProgressBar bar = new ProgressBar(log, String.format(Locale.ROOT, "epoch %d%s", epoch + 1,
                        budgetSeconds > 0 ? "" : "/" + epochs), (long) batchesPerEpoch * cfg.batchSize(), "samples");
                double lossSum = 0;
                double tau = Double.NaN;
                double gradNorm = Double.NaN;
                int lossCount = 0;
                int skipped = 0;
                Map<String, Integer> drawn = new java.util.TreeMap<>();
                long epochStart = System.nanoTime();
                for (int b = 0; b < batchesPerEpoch; b++) {
                    TrainingBatch batch = train.assemble(sampler.nextBatch(cfg.batchSize(), rng), true, rng);
                    for (String id : batch.sessionIds()) drawn.merge(id.substring(0, id.indexOf('/')), 1, Integer::sum);
                    float[] lt = TrainingStep.step(net, ps, batch, text, bank, manager, device, cfg.accumulation(), cfg.frozenLabels());
                    if (!Float.isFinite(lt[0])) {
                        // never let one diverged batch poison the weights or the queue: drop its gradients, count it
                        TrainingStep.zeroGradients(params);
                        skipped++;
                        checkDivergence(skipped, b, epoch, lr);
                        continue;
                    }
                    lossSum += lt[0];
                    tau = lt[1];
                    lossCount++;
                    if ((b + 1) % cfg.accumulation() == 0 || b == batchesPerEpoch - 1) {
                        double norm = TrainingStep.applyGradients(opt, params, manager);
                        if (Double.isFinite(norm)) {
                            gradNorm = norm;
                            steps++;
                        } else {
                            skipped++;
                            checkDivergence(skipped, b, epoch, lr);
                        }
                    }
                    bar.update((long) (b + 1) * cfg.batchSize(), String.format(Locale.ROOT, "loss %.3f tau %.2f lr %.1e |g| %.2f",
                            lossSum / lossCount, tau, lr, gradNorm));
                    if (budgetSeconds > 0 && (System.nanoTime() - started) / 1e9 >= budgetSeconds) {
                        if (b % cfg.accumulation() != cfg.accumulation() - 1) TrainingStep.applyGradients(opt, params, manager);
                        bar.setTotal((long) (b + 1) * cfg.batchSize());
                        break;
                    }
                }
                double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
                lastRate = lossCount * cfg.batchSize() / epochSeconds;
                bar.finish((long) lossCount * cfg.batchSize(), String.format(Locale.ROOT, "loss %.3f", lossSum / lossCount));
                double meanLoss = lossSum / lossCount;
                if (Double.isNaN(firstLoss)) firstLoss = meanLoss;
                lastLoss = meanLoss;
                lastVal = split.validation().isEmpty() ? null : validator.run(manager);
                ZeroShotValidator.Result rotated = split.validation().isEmpty() ? null : rotatedValidator.run(manager);

                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", epoch + 1);
                m.put("train_loss", meanLoss);
                m.put("temperature_scale", tau);
                m.put("lr", lr);
                m.put("samples_per_second", lastRate);
                m.put("skipped_non_finite_steps", skipped);
                // the share of each dataset in this epoch's batches (by default the sampler balances label groups, not datasets)
                int total = drawn.values().stream().mapToInt(Integer::intValue).sum();
                Map<String, Double> share = new LinkedHashMap<>();
                drawn.forEach((k, v) -> share.put(k, v / (double) Math.max(1, total)));
                m.put("dataset_share", share);
                m.put("elapsed_seconds", (System.nanoTime() - started) / 1e9);
                if (lastVal != null) {
                    m.put("val_accuracy", lastVal.meanAccuracy());
                    m.put("val_macro_f1", lastVal.meanMacroF1());
                    m.put("val_chance", lastVal.meanChance());
                    m.put("val_per_dataset", perDatasetRows(lastVal));
                    m.put("val_rotated_accuracy", rotated.meanAccuracy());
                    m.put("val_rotated_macro_f1", rotated.meanMacroF1());
                    // per dataset too, so a rule can be taken over the same datasets when a run adds one (mocap_sim)
                    m.put("val_rotated_per_dataset", perDatasetRows(rotated));
                }
                appendJsonLine(metricsFile, m);
                curves.add("loss", "train", epoch + 1, meanLoss).add("temperature scale", "exp(logit_scale)", epoch + 1, tau);
                if (lastVal != null) {
                    curves.add("val zero-shot closed-set", "accuracy", epoch + 1, lastVal.meanAccuracy())
                            .add("val zero-shot closed-set", "macro-F1", epoch + 1, lastVal.meanMacroF1())
                            .add("val zero-shot closed-set", "chance", epoch + 1, lastVal.meanChance())
                            .add("val zero-shot closed-set", "accuracy, rotated devices", epoch + 1, rotated.meanAccuracy());
                    log.printf(Locale.ROOT, "  epoch %d: loss %.4f, val zero-shot closed-set accuracy %.3f, macro-F1 %.3f (chance %.3f) %s; rotated devices %.3f%n",
                            epoch + 1, meanLoss, lastVal.meanAccuracy(), lastVal.meanMacroF1(), lastVal.meanChance(),
                            perDatasetSummary(lastVal.perDataset()), rotated.meanAccuracy());
                }
                curves.write(cfg.outDir().resolve("curves.png"));
                boolean last = epoch + 1 >= epochs || (budgetSeconds > 0 && (System.nanoTime() - started) / 1e9 >= budgetSeconds);
                if ((epoch + 1) % cfg.checkpointEvery() == 0 || last) {
                    lastCheckpoint = Checkpoint.dir(cfg.outDir(), epoch + 1);
                    Checkpoint.write(lastCheckpoint, net, opt, bank, epoch + 1, steps,
                            provenance(modelConfig, sessionCounts, split, epoch + 1, text.encoder(), lastVal));
                    if (lastVal != null) {
                        EmbeddingMap.write("validation embeddings, epoch " + (epoch + 1), lastVal.embeddings(), lastVal.labels(),
                                lastVal.labelEmbeddings(), lastVal.labelNames(),
                                cfg.outDir().resolve(String.format(Locale.ROOT, "embeddings-epoch-%04d.png", epoch + 1)));
                    }
                    log.println("  checkpoint: " + lastCheckpoint);
                }
            }
            if (lastCheckpoint == null) throw new IllegalStateException("no epoch ran (time budget too small?)");
            Path fin = cfg.outDir().resolve("final");
            Checkpoint.deleteRecursively(fin);
            copyDir(lastCheckpoint, fin);
            return new Result(fin, epoch - startEpoch, lastRate, firstLoss, lastLoss,
                    lastVal == null ? Double.NaN : lastVal.meanAccuracy(), lastVal == null ? Double.NaN : lastVal.meanMacroF1(),
                    lastVal == null ? Double.NaN : lastVal.meanChance());
        }
    }

    private Device pickDevice() {
        if (cfg.device() == ExecutionDevice.CUDA) {
            if (Engine.getInstance().getGpuCount() == 0) {
                throw new IllegalArgumentException("--device cuda: no GPU visible to the PyTorch engine (CPU build or no CUDA); use --device cpu");
            }
            return Device.gpu();
        }
        return Device.cpu();
    }

    /** Fills the memory bank with no-grad batches before the first epoch (spec §4.3). */
    private static void checkDivergence(int skipped, int batch, int epoch, double lr) {
        if (skipped > 20 && skipped * 2 > batch + 1) {
            throw new IllegalStateException("training diverged: " + skipped + " of " + (batch + 1) + " steps of epoch "
                    + (epoch + 1) + " gave a non-finite loss or gradient; lower --lr (now " + lr + ")");
        }
    }

    private void warmQueue(TrainableTsfm net, ParameterStore ps, BatchAssembler train, GroupBalancedSampler sampler,
                           TextBank text, MemoryBank bank, NDManager manager, Device device, Random rng) {
        int batches = (int) Math.ceil(bank.capacity() / (double) cfg.batchSize());
        for (int i = 0; i < batches && !bank.isFull(); i++) {
            TrainingBatch batch = train.assemble(sampler.nextBatch(cfg.batchSize(), rng), true, rng);
            try (NDScope scope = new NDScope()) {
                TsfmInputs in = Batches.inputs(manager, batch, text, device);
                NDArray out = net.getModel().apply(ps, in, false);
                NDList tok = text.tokens(manager, batch.labelTexts());
                NDArray labels = cfg.frozenLabels() ? text.pooled(manager, batch.labelTexts()).toDevice(device, false)
                        : net.getLabelBank().apply(ps, tok.get(0).toDevice(device, false), tok.get(1).toDevice(device, false), false);
                NDArray labelIndex = manager.create(batch.labelIndex()).toDevice(device, false);
                NDArray u = out;
                NDArray rowLabel = labelIndex;
                if (out.getShape().dimension() == 3) {
                    u = PatchFlattening.validRows(out, in.patchMask());
                    rowLabel = labelIndex.get(PatchFlattening.rowSampleIndex(in.patchMask()).toDevice(device, false));
                }
                bank.push(u.toFloatArray(), labels.get(rowLabel).toFloatArray());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private CheckpointProvenance provenance(TsfmConfig modelConfig, Map<String, Integer> sessionCounts,
                                           SubjectSplit split, int epochsDone, TextEncoder encoder,
                                           ZeroShotValidator.Result val) {
        Map<String, List<String>> heldOut = new LinkedHashMap<>();
        split.heldOutSubjects().forEach((d, subjects) -> heldOut.put(d, List.copyOf(subjects)));
        Map<String, Double> v = null;
        if (val != null) {
            v = new LinkedHashMap<>();
            v.put("zero_shot_closed_set_accuracy", val.meanAccuracy());
            v.put("zero_shot_closed_set_macro_f1", val.meanMacroF1());
            v.put("chance", val.meanChance());
        }
        return new CheckpointProvenance(modelConfig.getTier(), sessionCounts, split.train().size(),
                split.validation().size(), heldOut, LabelVocabulary.defaults().hash(), encoder.modelId(),
                encoder.maxTokens(), cfg.labelEncoder(), cfg.seed(), CheckpointProvenance.currentGitCommit(), epochsDone,
                JSON.convertValue(cfg, Map.class), Instant.now().toString(), System.getProperty("java.version"),
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion(), v, null, null);
    }

    /**
     * The held-out sessions as every validation of a run sees them: as recorded, or ({@code rotated}) as a device
     * mounted another way would record them, one fixed rotation per session from the seed: how much the model leans on
     * its training sets' axis conventions, which devices in the field do not share.
     */
    static BatchAssembler validationSet(SubjectSplit split, Map<String, String> descriptions, boolean rotated,
                                        TrainConfig cfg) {
        return validationSet(split.validation(), descriptions, rotated, cfg);
    }

    /** {@code sessions} (held-out ones) as a validation sees them, as recorded or turned as above. */
    static BatchAssembler validationSet(List<Session> sessions, Map<String, String> descriptions, boolean rotated,
                                        TrainConfig cfg) {
        List<Session> seen = !rotated ? sessions
                : sessions.stream().map(s -> ImuAugmentation.rotatedCopy(s, cfg.seed())).toList();
        return new BatchAssembler(seen, descriptions, LabelVocabulary.defaults(), LabelTextAugmenter.defaults(),
                new Patcher(), cfg.maxSeconds(), cfg.minCropSeconds());
    }

    /** A validation result's rows per dataset, as metrics.jsonl carries them. */
    static Map<String, Object> perDatasetRows(ZeroShotValidator.Result r) {
        Map<String, Object> per = new LinkedHashMap<>();
        r.perDataset().forEach((k, v) -> per.put(k, Map.of("accuracy", v.accuracy(), "macro_f1", v.macroF1(),
                "labels", v.labels().size())));
        return per;
    }

    private static String perDatasetSummary(Map<String, ClassificationMetrics> per) {
        StringBuilder b = new StringBuilder("[");
        per.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%s %.3f/%d",
                k, v.accuracy(), v.labels().size())));
        return b.append(']').toString();
    }

    private static void appendJsonLine(Path file, Map<String, Object> m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(JSON.writeValueAsString(m));
            w.newLine();
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t); else Files.copy(p, t);
            }
        }
    }

}
