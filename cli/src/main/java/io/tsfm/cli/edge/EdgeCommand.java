package io.tsfm.cli.edge;

import io.tsfm.cli.DataRootOption;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.edge.EdgeClient;
import io.tsfm.edge.EdgeListener;
import io.tsfm.edge.EdgeStats;
import io.tsfm.edge.kafka.SpooledPublisher;
import io.tsfm.edge.labels.LabelSetFollower;
import io.tsfm.edge.labels.LabelSetStore;
import io.tsfm.edge.labels.LabelSets;
import io.tsfm.lab.replay.CsvStreamSource;
import io.tsfm.lab.replay.DatasetReplaySource;
import io.tsfm.edge.source.FrameSource;
import io.tsfm.edge.source.Pacer;
import io.tsfm.lab.replay.SyntheticSource;
import io.tsfm.edge.spool.OverflowPolicy;
import io.tsfm.edge.spool.Spool;
import io.tsfm.edge.window.EdgeWindow;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tsfm edge}: the edge client on one machine: a source, on-device recognition, durable publishing. */
@Command(name = "edge", mixinStandardHelpOptions = true,
        description = {"Run the edge client: on-device recognition and durable publishing.",
            "Read frames from a source (a dataset replay, a generic-format CSV file or "
            + "standard input, or a synthetic device), recognise activities on the device with a model bundle and "
            + "print the predictions, and publish frames and predictions to Kafka through a durable spool that "
            + "survives outages and crashes. Without --bootstrap-servers nothing is published."})
public final class EdgeCommand implements Callable<Integer> {
    enum SourceKind { dataset, csv, stdin, synthetic }

    @Option(names = "--source", defaultValue = "synthetic",
            description = "dataset, csv, stdin or synthetic (default ${DEFAULT-VALUE}).")
    SourceKind source;

    @Option(names = "--dataset", description = "Dataset to replay (with --source dataset).")
    String dataset;

    @Option(names = "--csv", paramLabel = "FILE", description = "CSV file in the generic format (with --source csv).")
    Path csv;

    @Option(names = "--manifest", paramLabel = "FILE", description = "tsfm-dataset.json describing the CSV columns (with --source csv or stdin).")
    Path manifest;

    @Option(names = "--time-origin", defaultValue = "wall", description = "CSV timestamps: wall (first row = now) or epoch (default ${DEFAULT-VALUE}).")
    String timeOrigin;

    @Option(names = "--device-id", description = "Device id (CSV sources); prefix of device ids (dataset and synthetic).")
    String deviceId;

    @Option(names = "--devices", defaultValue = "1", description = "Devices a dataset replay or synthetic source plays (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--frame-ms", defaultValue = "200", description = "Frame length in ms (default ${DEFAULT-VALUE}).")
    double frameMillis;

    @Option(names = "--speed", description = "Replay speed: 1 real time, 10 faster, 0 as fast as possible (default: 1; for csv 0).")
    Double speed;

    @Option(names = "--seconds", defaultValue = "0", description = "Stop a dataset or synthetic source after this many seconds of data per device; 0: dataset once, synthetic endless.")
    double seconds;

    @Option(names = "--model", paramLabel = "BUNDLE_DIR", description = "Model bundle for local predictions (without one: frames only).")
    Path model;

    @Option(names = "--labels", split = ",", description = "Candidate label texts until a label-set update says otherwise (default: the job's default set).")
    List<String> labels = DefaultLabels.TEXTS;

    @Option(names = "--label-set-id", defaultValue = "default", description = "Label-set id recorded in predictions (default ${DEFAULT-VALUE}).")
    String labelSetId;

    @Option(names = "--no-label-updates", description = "Do not follow the label-set control topic, and ignore the sets "
            + "kept in --state-dir: score against --labels only.")
    boolean noLabelUpdates;

    @Option(names = "--label-sets-topic", defaultValue = Topics.LABEL_SETS, description = "Label-set control topic (default ${DEFAULT-VALUE}).")
    String labelSetsTopic;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the last label sets received are kept "
            + "across restarts (default: the --spool directory).")
    Path stateDir;

    @Option(names = "--top-k", defaultValue = "3", description = "Labels per prediction (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--device-description", defaultValue = "", description = "Text before every channel description, as the job's option (default none).")
    String deviceDescription;

    @Option(names = "--window-ms", defaultValue = "6000", description = "Window length, ms (default ${DEFAULT-VALUE}, the job's).")
    long windowMillis;

    @Option(names = "--hop-ms", defaultValue = "2000", description = "Window hop, ms (default ${DEFAULT-VALUE}, the job's).")
    long hopMillis;

    @Option(names = "--quiet", description = "Do not print predictions.")
    boolean quiet;

    @Option(names = "--no-frames", description = "Publish predictions only, not the raw frames.")
    boolean noFrames;

    @Option(names = "--no-predictions", description = "Publish frames only, not the local predictions.")
    boolean noPredictions;

    @Option(names = "--frames-topic", defaultValue = Topics.IMU_FRAMES, description = "Frames topic (default ${DEFAULT-VALUE}).")
    String framesTopic;

    @Option(names = "--predictions-topic", defaultValue = Topics.PREDICTIONS, description = "Predictions topic (default ${DEFAULT-VALUE}).")
    String predictionsTopic;

    @Option(names = "--spool", paramLabel = "DIR", defaultValue = "edge-spool", description = "Spool directory (default ${DEFAULT-VALUE}).")
    Path spoolDir;

    @Option(names = "--spool-max-mb", defaultValue = "256", description = "Spool size bound, MiB (default ${DEFAULT-VALUE}).")
    long spoolMaxMb;

    @Option(names = "--overflow", defaultValue = "DROP_OLDEST", description = "When the spool is full: DROP_OLDEST or REJECT_NEWEST (default ${DEFAULT-VALUE}).")
    OverflowPolicy overflow;

    @Mixin KafkaOptions kafka;
    @Mixin DataRootOption rootOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (devices < 1) {
            throw new ParameterException(spec.commandLine(), "--devices must be >= 1, got " + devices);
        }
        LabelSets labelSets = new LabelSets(new LabelSet(labelSetId, 0, labels));
        try (FrameSource frames = openSource(); WindowClassifier classifier = model == null ? null : openModel(model);
             SpooledPublisher publisher = kafka.given() ? openPublisher() : null;
             LabelSetFollower follower = classifier == null ? null : followLabelSets(labelSets)) {
            EdgeClient client = EdgeClient.builder().setSource(frames).optClassifier(classifier)
                    .optLabelSets(labelSets).optTopK(topK).optDeviceDescription(deviceDescription)
                    .optWindow(windowMillis, hopMillis).optPublisher(publisher).optPublishFrames(!noFrames)
                    .optPublishPredictions(!noPredictions).optPredictionsTopic(predictionsTopic)
                    .optListener(new Printer(quiet, classifier != null)).build();
            if (classifier == null) System.err.println("edge: no --model, so no local predictions; frames only");
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                client.stop(); // Ctrl-C: finish the frame in hand, complete the windows, drain the spool
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            EdgeStats stats;
            try {
                stats = client.run();
                if (publisher != null && !publisher.awaitDelivered(Duration.ofSeconds(10))) {
                    System.err.println("edge: broker unreachable; " + publisher.stats().pending()
                            + " records wait in " + spoolDir + " for the next run");
                }
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook waits for us
                }
            }
            var delivery = publisher == null ? null : publisher.stats();
            if (frames instanceof CsvStreamSource csvSource) {
                for (ReadProblem p : csvSource.problems()) System.err.println("edge: " + p);
            }
            System.err.printf(Locale.ROOT, "edge: %d frames, %d windows (%d not assembled), %d predictions%s%n", stats.frames(),
                    stats.windows(), stats.windowsRejected(), stats.predictions(), delivery == null ? ""
                            : String.format(Locale.ROOT, "; %d records delivered, %d pending, %d dropped by the spool",
                            delivery.delivered(), delivery.pending(), delivery.spool().droppedRecords()));
            return 0;
        }
    }

    private FrameSource openSource() throws IOException {
        double frameSeconds = frameMillis / 1000;
        switch (source) {
            case dataset: {
                if (dataset == null) throw new IllegalArgumentException("--source dataset needs --dataset NAME");
                DataRoot root = rootOption.resolve();
                Dataset data = DatasetCatalog.load(root).read(dataset, root);
                return DatasetReplaySource.builder().setSessions(data.sessions()).optName(dataset).optDevices(devices)
                        .optDevicePrefix(deviceId != null ? deviceId : dataset + "-").optFrameSeconds(frameSeconds)
                        .optPacer(Pacer.of(speed == null ? 1 : speed)).optMaxSeconds(seconds).optLoop(seconds > 0).build();
            }
            case csv:
            case stdin: {
                if (manifest == null) throw new IllegalArgumentException("--source " + source + " needs --manifest tsfm-dataset.json");
                boolean file = source == SourceKind.csv;
                if (file && csv == null) throw new IllegalArgumentException("--source csv needs --csv FILE");
                InputStream in = file ? Files.newInputStream(csv) : System.in;
                CsvStreamSource.TimeOrigin origin = switch (timeOrigin.toLowerCase(Locale.ROOT)) {
                    case "wall" -> CsvStreamSource.TimeOrigin.WALL_CLOCK;
                    case "epoch" -> CsvStreamSource.TimeOrigin.EPOCH;
                    default -> throw new IllegalArgumentException("--time-origin must be wall or epoch, got " + timeOrigin);
                };
                return CsvStreamSource.builder().setManifest(manifest).setInput(in, file ? csv.toString() : "stdin")
                        .optDeviceId(deviceId != null ? deviceId : "csv-device").optFrameSeconds(frameSeconds)
                        .optTimeOrigin(origin).optPacer(Pacer.of(speed == null ? 0 : speed)).build();
            }
            default:
                return SyntheticSource.builder().optDevices(devices).optDevicePrefix(deviceId != null ? deviceId : "synthetic-")
                        .optFrameSeconds(frameSeconds).optSeconds(seconds).optPacer(Pacer.of(speed == null ? 1 : speed)).build();
        }
    }

    /**
     * The label sets kept from the last run, then the control topic when a broker is given; null when label updates
     * are off. A damaged store is reported and the run goes on from --labels (the topic sends the sets again).
     */
    private LabelSetFollower followLabelSets(LabelSets sets) throws IOException {
        if (noLabelUpdates) return null;
        LabelSetStore store = new LabelSetStore(stateDir != null ? stateDir : spoolDir);
        try {
            int restored = store.restoreInto(sets);
            if (restored > 0) {
                System.err.println("edge: " + restored + " label set(s) restored from " + store.file() + ": " + sets.held());
            }
        } catch (IOException e) {
            System.err.println("edge: label sets not restored (" + e.getMessage() + "); starting from --labels");
        }
        if (!kafka.given()) return null;
        return LabelSetFollower.builder().setLabelSets(sets).setKafka(kafka.settings()).optStore(store)
                .optTopic(labelSetsTopic).build().start();
    }

    private SpooledPublisher openPublisher() throws IOException {
        var settings = kafka.settings(); // a bad setting fails before the spool is touched
        long max = spoolMaxMb << 20;
        Spool spool = Spool.builder().setDirectory(spoolDir).optMaxBytes(max)
                .optSegmentBytes((int) Math.min(8L << 20, max / 4)).optOverflow(overflow).build();
        try {
            return SpooledPublisher.builder().setSpool(spool).setKafka(settings).optFramesTopic(framesTopic)
                    .optCloseTimeout(Duration.ofSeconds(2)).build(); // call() already waited for delivery
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    /** The bundle classifier, the same the streaming job serves (a bad bundle fails naming the file at fault). */
    private static WindowClassifier openModel(Path bundle) throws IOException {
        if (!Files.isDirectory(bundle)) {
            throw new IllegalArgumentException("--model " + bundle + ": no such bundle directory");
        }
        return OnnxWindowClassifier.open(bundle);
    }

    /** Prints each prediction on one line. */
    private static final class Printer implements EdgeListener {
        private final boolean quiet;
        private final boolean windows;

        /** @param windows whether to report windows without a prediction (only meaningful with a model) */
        Printer(boolean quiet, boolean windows) {
            this.quiet = quiet;
            this.windows = windows;
        }

        @Override
        public void onPrediction(Prediction p) {
            if (quiet) return;
            StringBuilder b = new StringBuilder();
            b.append(p.getDeviceId()).append(' ').append(Instant.ofEpochSecond(0, p.getWindowStartEpochMicros() * 1000))
                    .append(" +").append((p.getWindowEndEpochMicros() - p.getWindowStartEpochMicros()) / 1000).append("ms");
            for (ScoredLabel l : p.getTopK()) b.append(String.format(Locale.ROOT, "  %s %.3f", l.getLabel(), l.getScore()));
            System.out.println(b);
        }

        @Override
        public void onWindowFailed(EdgeWindow window, String reason) {
            if (!quiet && windows) System.err.println(window.windowId() + ": " + reason);
        }
    }
}
