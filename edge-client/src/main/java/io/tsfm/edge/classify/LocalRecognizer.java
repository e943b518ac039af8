package io.tsfm.edge.classify;

import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.edge.labels.LabelSets;
import io.tsfm.edge.window.EdgeWindow;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies assembled windows on the device with an injected {@link WindowClassifier} and turns the results into
 * {@code Prediction} records, filled in as the streaming job fills them: window id {@code deviceId@start}, channel
 * descriptions {@code "<device description> <channel description>"} (or the channel description alone), top-k labels
 * of the label set {@link LabelSets} picks for the window's device, the classifier's model id, processing latency
 * from the call to the record, and end-to-end latency from the newest frame's arrival.
 *
 * <p>Does not own the classifier (the caller closes it). Thread-safety: the label sets may change from any thread
 * (a window is scored against the sets held when its batch starts); {@link #recognize} runs on one thread at a time,
 * as the classifier's own thread-safety allows.
 */
public final class LocalRecognizer {
    private final WindowClassifier classifier;
    private final int topK;
    private final String deviceDescription;
    private final LabelSets labels;

    /** A window's outcome: the prediction, or why there is none. */
    public record Outcome(EdgeWindow window, Prediction prediction, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * @param classifier        the model
     * @param labels            candidate labels, the same for every device
     * @param topK              labels per prediction (capped at the label-set size)
     * @param deviceDescription text put before every channel description; empty for none
     */
    public LocalRecognizer(WindowClassifier classifier, LabelSet labels, int topK, String deviceDescription) {
        this(classifier, new LabelSets(labels), topK, deviceDescription);
    }

    /**
     * @param classifier        the model
     * @param labels            the label sets, picked per device (updated by a {@code LabelSetFollower})
     * @param topK              labels per prediction (capped at the label-set size)
     * @param deviceDescription text put before every channel description; empty for none
     */
    public LocalRecognizer(WindowClassifier classifier, LabelSets labels, int topK, String deviceDescription) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (topK < 1) throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        this.topK = topK;
        this.deviceDescription = deviceDescription;
    }

    /** The label sets windows are scored against. */
    public LabelSets labelSets() {
        return labels;
    }

    /** Scores later windows against another base label set (received sets still win where they apply). */
    public void setLabelSet(LabelSet labels) {
        this.labels.setBase(labels);
    }

    /** The classifier's model id (its bundle's SHA-256). */
    public String modelId() {
        return classifier.modelId();
    }

    /**
     * Classifies assembled windows in one call; a rejected window, or one the classifier fails, comes back as an
     * error outcome without failing the others.
     */
    public List<Outcome> recognize(List<EdgeWindow> windows) {
        long firedMicros = nowMicros();
        List<Outcome> out = new ArrayList<>(windows.size());
        // one classifier call per label set: devices may be scored against different sets
        Map<LabelSet, List<Integer>> groups = new LinkedHashMap<>();
        Map<String, LabelSet> perDevice = new HashMap<>();
        for (EdgeWindow w : windows) {
            if (!w.ok()) {
                out.add(new Outcome(w, null, "window not assembled: " + w.rejection()));
                continue;
            }
            out.add(null);
            LabelSet set = perDevice.computeIfAbsent(w.deviceId(), labels::forDevice);
            groups.computeIfAbsent(set, s -> new ArrayList<>()).add(out.size() - 1);
        }
        for (Map.Entry<LabelSet, List<Integer>> g : groups.entrySet()) {
            classify(windows, g.getKey(), g.getValue(), out, firedMicros);
        }
        return out;
    }

    private void classify(List<EdgeWindow> windows, LabelSet set, List<Integer> positions, List<Outcome> out,
            long firedMicros) {
        List<SensorWindow> inputs = new ArrayList<>(positions.size());
        for (int p : positions) {
            EdgeWindow w = windows.get(p);
            inputs.add(new SensorWindow(w.windowId(), w.samples(), w.rateHz(), descriptions(w)));
        }
        int k = Math.min(topK, set.labels().size());
        List<Classification> results;
        try {
            results = classifier.classify(inputs, set, k);
            if (results.size() != inputs.size()) {
                throw new IllegalStateException("classifier returned " + results.size() + " results for " + inputs.size() + " windows");
            }
        } catch (RuntimeException e) {
            for (int p : positions) out.set(p, new Outcome(windows.get(p), null, "classifier failed: " + e));
            return;
        }
        String modelId = classifier.modelId();
        for (int i = 0; i < positions.size(); i++) {
            int p = positions.get(i);
            EdgeWindow w = windows.get(p);
            Classification c = results.get(i);
            if (!c.ok()) {
                out.set(p, new Outcome(w, null, "not classified: " + c.error()));
                continue;
            }
            List<ScoredLabel> top = new ArrayList<>(c.topK().size());
            for (Classification.ScoredLabel s : c.topK()) top.add(new ScoredLabel(s.label(), s.score()));
            long now = nowMicros();
            Prediction prediction = Prediction.newBuilder()
                    .setDeviceId(w.deviceId())
                    .setWindowStartEpochMicros(w.startMicros())
                    .setWindowEndEpochMicros(w.endMicros())
                    .setTopK(top)
                    .setLabelSetId(set.id())
                    .setLabelSetVersion(set.version())
                    .setModelBundleSha256(modelId)
                    .setProcessingLatencyMicros(Math.max(0, now - firedMicros))
                    .setEndToEndLatencyMicros(w.newestArrivalMicros() > 0 ? Math.max(0, now - w.newestArrivalMicros()) : null)
                    .setEmittedAtEpochMicros(now)
                    .build();
            out.set(p, new Outcome(w, prediction, null));
        }
    }

    private List<String> descriptions(EdgeWindow w) {
        return w.layout().descriptions().stream().map(d -> ChannelDescriptions.onDevice(deviceDescription, d)).toList();
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
