package io.tsfm.benchmark.run;

import io.tsfm.benchmark.protocol.BenchmarkWindow;
import io.tsfm.benchmark.protocol.WindowKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether two inference paths (direct and stream) answered the same windows identically: every window either agrees,
 * differs (both answered, differently, or one failed), or is unanswered by one or both paths.
 *
 * @param identical   windows both paths answered with the same label
 * @param differences windows both answered, differently (label or error text), in window order
 * @param onlyFirst   windows only the first path answered
 * @param onlySecond  windows only the second path answered
 */
public record PathAgreement(int identical, List<Difference> differences, List<WindowKey> onlyFirst,
                            List<WindowKey> onlySecond) {

    /** One window the paths answered differently. */
    public record Difference(WindowKey key, WindowPrediction first, WindowPrediction second) {}

    /** Compares the answers of two paths over {@code windows}. */
    public static PathAgreement of(List<BenchmarkWindow> windows, List<WindowPrediction> first,
                                   List<WindowPrediction> second) {
        Map<WindowKey, WindowPrediction> a = index(first);
        Map<WindowKey, WindowPrediction> b = index(second);
        int same = 0;
        List<Difference> diff = new ArrayList<>();
        List<WindowKey> onlyA = new ArrayList<>();
        List<WindowKey> onlyB = new ArrayList<>();
        for (BenchmarkWindow w : windows) {
            WindowPrediction pa = a.get(w.key());
            WindowPrediction pb = b.get(w.key());
            if (pa == null && pb == null) continue;
            if (pb == null) onlyA.add(w.key());
            else if (pa == null) onlyB.add(w.key());
            else if (Objects.equals(pa.label(), pb.label()) && Objects.equals(pa.error(), pb.error())) same++;
            else diff.add(new Difference(w.key(), pa, pb));
        }
        return new PathAgreement(same, List.copyOf(diff), List.copyOf(onlyA), List.copyOf(onlyB));
    }

    /** Whether both paths answered every window they answered at all, identically. */
    public boolean agrees() {
        return differences.isEmpty() && onlyFirst.isEmpty() && onlySecond.isEmpty();
    }

    private static Map<WindowKey, WindowPrediction> index(List<WindowPrediction> answers) {
        Map<WindowKey, WindowPrediction> out = new HashMap<>();
        for (WindowPrediction p : answers) out.putIfAbsent(p.key(), p);
        return out;
    }
}
