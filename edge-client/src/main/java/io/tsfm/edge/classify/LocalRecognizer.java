package io.tsfm.edge.classify;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.core.preprocess.ChannelDescriptions;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowClassifier;
import io.tsfm.core.serving.ServingLoop;
import io.tsfm.core.time.Clocks;
import io.tsfm.edge.labels.LabelSets;
import io.tsfm.edge.window.EdgeWindow;
import io.tsfm.schemas.avro.Prediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Classifies assembled windows on the device with an injected {@link WindowClassifier} through the streaming job's
 * {@link ServingLoop} and turns the results into {@code Prediction} records, filled in as the job fills them: window
 * id {@code deviceId@start}, channel descriptions {@code "<device description> <channel description>"} (or the
 * channel description alone), top-k labels of the label set {@link LabelSets} picks for the window's device, the
 * classifier's model id, processing latency from the call to the record, and end-to-end latency from the newest
 * frame's arrival.
 *
 * <p>Does not own the classifier (the caller closes it). Thread-safety: the label sets may change from any thread
 * (a window is scored against the sets held when its batch starts); {@link #recognize} runs on one thread at a time,
 * as the classifier's own thread-safety allows.
 */
@PublicApi
public final class LocalRecognizer {
    private final WindowClassifier classifier;
    private final String deviceDescription;
    private final LabelSets labels;
    private final ServingLoop<EdgeWindow> serving;

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
        this.deviceDescription = deviceDescription;
        this.serving = ServingLoop.<EdgeWindow>builder().setClassifier(classifier).setTopK(topK)
                .setInput(w -> new SensorWindow(w.windowId(), w.samples(), w.rateHz(), descriptions(w))).build();
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
        long firedMicros = Clocks.nowMicros();
        Outcome[] out = new Outcome[windows.size()];
        List<EdgeWindow> assembled = new ArrayList<>(windows.size());
        List<Integer> at = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            EdgeWindow w = windows.get(i);
            if (!w.ok()) {
                out[i] = new Outcome(w, null, "window not assembled: " + w.rejection());
            } else {
                assembled.add(w);
                at.add(i);
            }
        }
        for (ServingLoop.Group<EdgeWindow> g : serving.classify(assembled, labels::forDevice)) {
            for (int i = 0; i < g.size(); i++) {
                EdgeWindow w = g.windows().get(i);
                int p = at.get(g.positions().get(i));
                if (!g.ok()) {
                    out[p] = new Outcome(w, null, "classifier failed: " + g.failure());
                } else if (!g.results().get(i).ok()) {
                    out[p] = new Outcome(w, null, "not classified: " + g.results().get(i).error());
                } else {
                    long now = Clocks.nowMicros();
                    out[p] = new Outcome(w, g.scored(i, Math.max(0, now - firedMicros)).toPrediction(now), null);
                }
            }
        }
        return new ArrayList<>(Arrays.asList(out));
    }

    private List<String> descriptions(EdgeWindow w) {
        return w.layout().descriptions().stream().map(d -> ChannelDescriptions.onDevice(deviceDescription, d)).toList();
    }

}
