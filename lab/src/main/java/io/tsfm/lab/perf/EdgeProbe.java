package io.tsfm.lab.perf;

import io.tsfm.core.labels.DefaultLabels;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.edge.EdgeClient;
import io.tsfm.edge.EdgeListener;
import io.tsfm.edge.EdgeStats;
import io.tsfm.edge.source.Pacer;
import io.tsfm.lab.replay.SyntheticSource;
import io.tsfm.schemas.avro.Prediction;
import java.nio.file.Path;

/**
 * The child JVM of {@code tsfm perf edge}: an edge device starting cold. Opens the bundle (one ONNX Runtime thread),
 * runs the edge client on a synthetic waist IMU as fast as it goes, prints {@value #FIRST} the moment the first
 * prediction is out (the parent times process start to that line), classifies the given number of windows, and
 * prints its resident memory as {@code <MEMORY> rssKib hwmKib predictions}. Arguments: bundle directory, windows.
 */
public final class EdgeProbe {
    static final String FIRST = "tsfm-edge-probe first-prediction";
    static final String MEMORY = "tsfm-edge-probe memory";

    private EdgeProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        Path bundle = Path.of(args[0]);
        int windows = Integer.parseInt(args[1]);
        try (OnnxWindowClassifier model = OnnxWindowClassifier.builder().setBundle(bundle).optIntraOpThreads(1)
                .optInterOpThreads(1).build();
             SyntheticSource source = SyntheticSource.builder().optSeconds(6 + 2.0 * windows)
                     .optPacer(Pacer.unpaced()).build()) {
            EdgeStats stats = EdgeClient.builder().setSource(source).optClassifier(model)
                    .optLabelSet(new LabelSet(DefaultLabels.ID, 0, DefaultLabels.TEXTS))
                    .optListener(new EdgeListener() {
                        private boolean first = true;

                        @Override
                        public void onPrediction(Prediction p) {
                            if (first) {
                                first = false;
                                System.out.println(FIRST);
                                System.out.flush();
                            }
                        }
                    }).build().run();
            ResidentMemory m = ResidentMemory.now();
            System.out.println(MEMORY + " " + m.rssKib() + " " + m.hwmKib() + " " + stats.predictions());
            System.out.flush();
        }
    }
}
