package io.tsfm.job.inference;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.ScoredWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per device (the key), replaces each window's scores by the mean score of every label over the device's last
 * {@code windows} windows, then keeps the top k. Only windows scored against the same label set and version are
 * averaged (a new label set starts afresh), and only windows within {@code windows - 1} hops of the current one (a
 * device that went quiet does not drag old activity into new windows). Needs every label's score per window
 * (the inference operator's {@code allScores}).
 */
@Internal
public final class PredictionSmoother extends KeyedProcessFunction<String, ScoredWindow, ScoredWindow> {

    private static final long serialVersionUID = 1L;

    private final int windows;
    private final int topK;
    private final long hopMicros;
    private transient ListState<ScoredWindow> history;

    /**
     * @param windows   how many windows to average, including the current one (>= 2)
     * @param topK      labels per prediction
     * @param hopMicros the window hop
     */
    public PredictionSmoother(int windows, int topK, long hopMicros) {
        if (windows < 2 || topK < 1 || hopMicros <= 0) {
            throw new IllegalArgumentException("need windows >= 2, topK >= 1, hop > 0; got " + windows + ", " + topK
                    + ", " + hopMicros);
        }
        this.windows = windows;
        this.topK = topK;
        this.hopMicros = hopMicros;
    }

    @Override
    public void open(OpenContext openContext) {
        history = getRuntimeContext().getListState(
                new ListStateDescriptor<>("recent-windows", TypeInformation.of(ScoredWindow.class)));
    }

    @Override
    public void processElement(ScoredWindow w, Context ctx, Collector<ScoredWindow> out) throws Exception {
        long oldestEnd = w.endMicros() - (windows - 1) * hopMicros;
        List<ScoredWindow> recent = new ArrayList<>();
        for (ScoredWindow h : history.get()) {
            if (h.labelSetId().equals(w.labelSetId()) && h.labelSetVersion() == w.labelSetVersion()
                    && h.endMicros() >= oldestEnd && h.endMicros() < w.endMicros()) {
                recent.add(h);
            }
        }
        recent.sort(Comparator.comparingLong(ScoredWindow::endMicros));
        while (recent.size() > windows - 1) {
            recent.remove(0);
        }
        Map<String, double[]> sums = new LinkedHashMap<>(); // label -> {sum, count}; current window's order first
        List<ScoredWindow> all = new ArrayList<>();
        all.add(w);
        all.addAll(recent);
        for (ScoredWindow s : all) {
            for (int i = 0; i < s.labels().length; i++) {
                double[] acc = sums.computeIfAbsent(s.labels()[i], l -> new double[2]);
                acc[0] += s.scores()[i];
                acc[1]++;
            }
        }
        List<Map.Entry<String, double[]>> ranked = new ArrayList<>(sums.entrySet());
        ranked.sort((a, b) -> Double.compare(b.getValue()[0] / b.getValue()[1], a.getValue()[0] / a.getValue()[1]));
        int k = Math.min(topK, ranked.size());
        String[] labels = new String[k];
        float[] scores = new float[k];
        for (int i = 0; i < k; i++) {
            labels[i] = ranked.get(i).getKey();
            scores[i] = (float) (ranked.get(i).getValue()[0] / ranked.get(i).getValue()[1]);
        }
        recent.add(w);
        history.update(recent);
        out.collect(new ScoredWindow(w.deviceId(), w.startMicros(), w.endMicros(), labels, scores, w.labelSetId(),
                w.labelSetVersion(), w.modelId(), w.processingMicros(), w.newestSentMicros()));
    }
}
