package io.tsfm.edge;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.core.time.Clocks;
import io.tsfm.core.window.WindowGrid;
import io.tsfm.edge.classify.LocalRecognizer;
import io.tsfm.edge.frame.DeviceFrame;
import io.tsfm.edge.frame.ImuFrameCodec;
import io.tsfm.edge.kafka.SpooledPublisher;
import io.tsfm.edge.labels.LabelSets;
import io.tsfm.edge.source.FrameSource;
import io.tsfm.edge.window.EdgeWindow;
import io.tsfm.edge.window.EdgeWindower;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge client: reads a device's frames from a {@link FrameSource}, numbers them per device, publishes them
 * (optionally) through a {@link SpooledPublisher}, cuts on-device windows with the job's grid and windowing rule
 * ({@link EdgeWindower}), classifies them with an injected {@link WindowClassifier} ({@link LocalRecognizer}), and
 * hands the predictions to a listener and (optionally) to the publisher.
 *
 * <pre>{@code
 * try (FrameSource source = ...; WindowClassifier model = ...; SpooledPublisher publisher = ...) {
 *     EdgeStats stats = EdgeClient.builder().setSource(source).optClassifier(model).optPublisher(publisher)
 *             .optListener(new EdgeListener() { public void onPrediction(Prediction p) { System.out.println(p); } })
 *             .build().run();
 * }
 * }</pre>
 *
 * <p>Sequence numbers: each device's frames are numbered on from where the publisher's spool left off after a
 * restart (0 without a publisher), whatever numbers the source gave them. Layouts: a frame carries its layout inline
 * when it is the device's first in this run, when the layout changed, and every {@code inlineLayoutEvery} sequence
 * numbers (so a consumer that lost the first one learns it again); otherwise it references it by id.
 *
 * <p>Does not own the source, classifier or publisher: the caller closes them. {@link #run()} runs on the calling
 * thread; {@link #stop()} may be called from any other thread.
 */
@PublicApi
public final class EdgeClient {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeClient.class);

    private final FrameSource source;
    private final LocalRecognizer recognizer;
    private final EdgeWindower windower;
    private final SpooledPublisher publisher;
    private final boolean publishFrames;
    private final boolean publishPredictions;
    private final String predictionsTopic;
    private final int inlineLayoutEvery;
    private final EdgeListener listener;
    private volatile boolean stopped;
    private boolean ran;

    private EdgeClient(Builder b) {
        this.source = b.source;
        this.recognizer = b.classifier == null ? null
                : new LocalRecognizer(b.classifier, b.labelSets != null ? b.labelSets : new LabelSets(b.labels), b.topK,
                        b.deviceDescription);
        this.windower = new EdgeWindower(WindowGrid.ofMillis(b.windowMillis, b.hopMillis), b.maxGapSeconds, b.minCoverage);
        this.publisher = b.publisher;
        this.publishFrames = b.publisher != null && b.publishFrames;
        this.publishPredictions = b.publisher != null && b.publishPredictions;
        this.predictionsTopic = b.predictionsTopic;
        this.inlineLayoutEvery = b.inlineLayoutEvery;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The on-device recognizer, or null when the client runs without a classifier (frames only). */
    public LocalRecognizer recognizer() {
        return recognizer;
    }

    /** Asks {@link #run()} to finish after the frame in hand: open windows are completed, nothing is lost. */
    public void stop() {
        stopped = true;
    }

    /**
     * Reads the source to its end (or until {@link #stop()}), then completes the open windows.
     *
     * @throws IOException          when the source or the spool fails
     * @throws IllegalStateException when called twice
     */
    public EdgeStats run() throws IOException, InterruptedException {
        if (ran) throw new IllegalStateException("an EdgeClient runs once");
        ran = true;
        Map<String, Long> nextSequence = new HashMap<>(publisher == null ? Map.of() : publisher.nextSequences());
        Map<String, String> lastLayout = new HashMap<>();
        Map<String, byte[]> keys = new HashMap<>();
        long frames = 0;
        long published = 0;
        Counters counters = new Counters();
        LOG.info("edge client: {}{}{}", source.describe(), recognizer == null ? ", no classifier (frames only)"
                : ", model " + recognizer.modelId(), publisher == null ? ", not publishing" : ", publishing via " + publisher);
        while (!stopped) {
            DeviceFrame in = source.next();
            if (in == null) break;
            String device = in.deviceId();
            long seq = nextSequence.getOrDefault(device, 0L);
            nextSequence.put(device, seq + 1);
            DeviceFrame frame = in.withSequence(seq);
            long arrival = Clocks.nowMicros();
            frames++;
            if (publishFrames) {
                String previous = lastLayout.put(device, frame.layout().layoutId());
                boolean inline = previous == null || !previous.equals(frame.layout().layoutId()) || seq % inlineLayoutEvery == 0;
                byte[] key = keys.computeIfAbsent(device, ImuFrameCodec::key);
                publisher.publishFrame(device, seq, key, ImuFrameCodec.encode(frame, inline, arrival));
                published++;
            }
            listener.onFrame(frame);
            handle(windower.accept(frame, arrival), counters, keys);
        }
        handle(windower.flush(), counters, keys);
        EdgeStats stats = new EdgeStats(frames, published, counters.windows, counters.rejected, counters.predictions,
                counters.failures, windower.lateFrames(), publisher == null ? null : publisher.stats());
        LOG.info("edge client done: {}", stats);
        return stats;
    }

    private static final class Counters {
        long windows;
        long rejected;
        long predictions;
        long failures;
    }

    private void handle(List<EdgeWindow> windows, Counters counters, Map<String, byte[]> keys) throws IOException {
        if (windows.isEmpty()) return;
        counters.windows += windows.size();
        if (recognizer == null) {
            for (EdgeWindow w : windows) {
                if (!w.ok()) {
                    counters.rejected++;
                    listener.onWindowFailed(w, w.rejection());
                }
            }
            return;
        }
        for (LocalRecognizer.Outcome o : recognizer.recognize(windows)) {
            if (!o.ok()) {
                if (o.window().ok()) {
                    counters.failures++;
                    LOG.warn("window {} not classified: {}", o.window().windowId(), o.error());
                } else {
                    counters.rejected++;
                }
                listener.onWindowFailed(o.window(), o.error());
                continue;
            }
            Prediction p = o.prediction();
            counters.predictions++;
            if (publishPredictions) {
                byte[] key = keys.computeIfAbsent(p.getDeviceId(), ImuFrameCodec::key);
                publisher.publish(predictionsTopic, key, WireFormat.PREDICTION.encode(p));
            }
            listener.onPrediction(p);
        }
    }


    /** Builds an {@link EdgeClient}; {@link #setSource} is required. */
    public static final class Builder {
        private FrameSource source;
        private WindowClassifier classifier;
        private LabelSet labels = new LabelSet(DefaultLabels.ID, 0, DefaultLabels.TEXTS);
        private LabelSets labelSets;
        private int topK = 3;
        private String deviceDescription = "";
        private long windowMillis = 6000;
        private long hopMillis = 2000;
        private double maxGapSeconds = 0.5;
        private double minCoverage = 0.8;
        private SpooledPublisher publisher;
        private boolean publishFrames = true;
        private boolean publishPredictions = true;
        private String predictionsTopic = Topics.PREDICTIONS;
        private int inlineLayoutEvery = 50;
        private EdgeListener listener = new EdgeListener() {
        };

        private Builder() {
        }

        /** Where frames come from. Required. */
        public Builder setSource(FrameSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The model for local predictions; without one the client only publishes frames. */
        public Builder optClassifier(WindowClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** Candidate labels for every device; default the job's default set ({@link DefaultLabels}, version 0). */
        public Builder optLabelSet(LabelSet labels) {
            this.labels = Objects.requireNonNull(labels, "labels");
            return this;
        }

        /**
         * Label sets that change while the client runs (a {@link io.tsfm.edge.labels.LabelSetFollower} updates them),
         * picked per device; wins over {@link #optLabelSet}.
         */
        public Builder optLabelSets(LabelSets labelSets) {
            this.labelSets = labelSets;
            return this;
        }

        /** Labels per prediction; default 3. */
        public Builder optTopK(int topK) {
            this.topK = topK;
            return this;
        }

        /** Text put before every channel description, as the job's {@code --device-description}; default none. */
        public Builder optDeviceDescription(String description) {
            this.deviceDescription = Objects.requireNonNull(description, "description");
            return this;
        }

        /** Window length and hop in ms; default 6000 / 2000, the job's. */
        public Builder optWindow(long windowMillis, long hopMillis) {
            this.windowMillis = windowMillis;
            this.hopMillis = hopMillis;
            return this;
        }

        /** Longest run of missing samples the windowing fills; default 0.5 s, the job's. */
        public Builder optMaxGapSeconds(double seconds) {
            this.maxGapSeconds = seconds;
            return this;
        }

        /** Smallest fraction of real samples in a window; default 0.8, the job's. */
        public Builder optMinCoverage(double fraction) {
            this.minCoverage = fraction;
            return this;
        }

        /** Publishes frames and predictions through this publisher; default none (local only). */
        public Builder optPublisher(SpooledPublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /** Whether raw frames are published (with a publisher); default true. */
        public Builder optPublishFrames(boolean publish) {
            this.publishFrames = publish;
            return this;
        }

        /** Whether local predictions are published (with a publisher); default true. */
        public Builder optPublishPredictions(boolean publish) {
            this.publishPredictions = publish;
            return this;
        }

        /** Topic of published predictions; default {@link Topics#PREDICTIONS}. */
        public Builder optPredictionsTopic(String topic) {
            this.predictionsTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Send the layout inline at least every this many sequence numbers; default 50. */
        public Builder optInlineLayoutEvery(int every) {
            this.inlineLayoutEvery = every;
            return this;
        }

        /** Callbacks for frames, predictions and failed windows; default none. */
        public Builder optListener(EdgeListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public EdgeClient build() {
            if (source == null) throw new IllegalStateException("EdgeClient.builder(): setSource is required");
            if (topK < 1) throw new IllegalArgumentException("optTopK must be >= 1, got " + topK);
            if (inlineLayoutEvery < 1) throw new IllegalArgumentException("optInlineLayoutEvery must be >= 1, got " + inlineLayoutEvery);
            WindowGrid.ofMillis(windowMillis, hopMillis); // fails here with the reason
            new io.tsfm.core.window.WindowAssembler(windowMillis / 1000.0, maxGapSeconds, minCoverage);
            return new EdgeClient(this);
        }
    }
}
