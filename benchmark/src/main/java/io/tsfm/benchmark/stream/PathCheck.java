package io.tsfm.benchmark.stream;

import io.tsfm.benchmark.report.PathComparison;
import io.tsfm.benchmark.run.InferencePath;
import io.tsfm.benchmark.run.PathAgreement;
import io.tsfm.benchmark.run.WindowPrediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Puts the windows of every pass a {@link StreamPath} made through the direct path (same windows, same label set)
 * and compares the answers with {@link PathAgreement}. Stateless.
 */
public final class PathCheck {
    private PathCheck() {}

    /**
     * Compares every pass of {@code stream} with {@code direct}.
     *
     * @param system   the report row the stream passes belong to
     * @param progress told the windows the direct path handled
     */
    public static PathComparison compare(String system, StreamPath stream, InferencePath direct,
                                         IntConsumer progress) {
        List<PathComparison.Pass> out = new ArrayList<>();
        for (StreamPass p : stream.passes()) {
            List<WindowPrediction> reference = direct.classify(p.dataset(), p.windows(), p.labels(), progress);
            PathAgreement a = PathAgreement.of(p.windows(), reference, p.predictions());
            List<String> diffs = new ArrayList<>();
            for (PathAgreement.Difference d : a.differences()) {
                diffs.add(d.key() + ": direct " + text(d.first()) + ", stream " + text(d.second()));
            }
            out.add(new PathComparison.Pass(p.dataset().name(), p.labels().id(), p.stats().windows(),
                    p.stats().answered(), p.stats().seconds(), p.stats().timedOut(), a.identical(), diffs,
                    a.onlyFirst().stream().map(Object::toString).toList(),
                    a.onlySecond().stream().map(Object::toString).toList()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("mode", stream.embedded()
                ? "embedded: KRaft broker + streaming job on a Flink MiniCluster in this JVM"
                : "address: the job already running at Kafka " + stream.bootstrapServers());
        settings.put("replay speed", stream.replaySpeed() == 0 ? "as fast as possible"
                : stream.replaySpeed() + "x real time");
        settings.put("job windows", StreamPath.WINDOW_MILLIS + " ms tumbling, aligned to each device's first sample, "
                + "full coverage required");
        settings.put("direct path", direct.name() + ", model " + direct.modelId());
        return new PathComparison(system, settings, out);
    }

    private static String text(WindowPrediction p) {
        return p.ok() ? "'" + p.label() + "'" : "failed (" + p.error() + ")";
    }
}
