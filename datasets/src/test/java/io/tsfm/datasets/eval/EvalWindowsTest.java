package io.tsfm.datasets.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalWindowsTest {
    private static final List<Channel> CH = List.of(
            Channel.of("acc_x", SensorKind.ACCELEROMETER, "x", "waist"),
            Channel.of("acc_y", SensorKind.ACCELEROMETER, "y", "waist"));
    private static final List<String> LABELS = List.of("lying", "sitting", "walking");

    private static Session session(String id, String subject, String label, int length, float base) {
        float[][] s = new float[2][length];
        for (int t = 0; t < length; t++) {
            s[0][t] = base + t;
            s[1][t] = -(base + t);
        }
        return new Session(id, "demo", subject, label, 50, CH, s, "demo/" + id);
    }

    @Test
    void windowLengthIsTheTruncatedProduct() {
        assertThat(EvalWindows.windowSamples(50)).isEqualTo(300);
        assertThat(EvalWindows.windowSamples(30)).isEqualTo(180);
        assertThat(EvalWindows.windowSamples(20.5)).isEqualTo(123);
        assertThat(EvalWindows.windowSamples(100, 0.29)).isEqualTo(28);
    }

    @Test
    void majorityBreaksTiesTowardTheLowestIndex() {
        assertThat(EvalWindows.majorityLabel(new int[] {2, 2, 1, 1}, 0, 4)).isEqualTo(1);
        assertThat(EvalWindows.majorityLabel(new int[] {3, 0, 3, 0, 5}, 0, 5)).isEqualTo(0);
        assertThat(EvalWindows.majorityLabel(new int[] {1, 2, 2, 2, 0, 0}, 0, 6)).isEqualTo(2);
        assertThat(EvalWindows.majorityLabel(new int[] {7, 1, 1, 7}, 1, 3)).isEqualTo(1);
    }

    @Test
    void concatenatesInIdOrderAndSlicesWithoutOverlap() {
        // given out of order: s_0002 (walking, 400) must come after s_0001 (sitting, 250)
        Session b = session("s_0002", "7", "walking", 400, 1000);
        Session a = session("s_0001", "7", "sitting", 250, 0);
        LabeledTable table = EvalWindows.concatenate(List.of(b, a), LABELS);
        assertThat(table.length()).isEqualTo(650);
        assertThat(table.samples()[0][249]).isEqualTo(249f);
        assertThat(table.samples()[0][250]).isEqualTo(1000f);
        assertThat(table.labels()[0]).isEqualTo(1);
        assertThat(table.labels()[649]).isEqualTo(2);

        List<EvalWindow> w = EvalWindows.slice(table);
        assertThat(w).hasSize(2); // 650 / 300, 50 samples dropped
        assertThat(w.get(0).startSample()).isZero();
        assertThat(w.get(0).length()).isEqualTo(300);
        assertThat(w.get(0).label()).isEqualTo(1); // 250 sitting vs 50 walking
        assertThat(w.get(1).startSample()).isEqualTo(300);
        assertThat(w.get(1).label()).isEqualTo(2);
        assertThat(w.get(1).samples()[1][0]).isEqualTo(-(1000f + 50));
        assertThat(w.get(1).subject()).isEqualTo("7");
    }

    @Test
    void exactTieInAWindowGoesToTheLowerLabel() {
        Session a = session("s_0001", "1", "walking", 150, 0);
        Session b = session("s_0002", "1", "lying", 150, 0);
        List<EvalWindow> w = EvalWindows.slice(EvalWindows.concatenate(List.of(a, b), LABELS));
        assertThat(w).hasSize(1);
        assertThat(w.get(0).label()).isEqualTo(0);
    }

    @Test
    void groupsBySubject() {
        Map<String, LabeledTable> m = EvalWindows.bySubject(List.of(
                session("s_0003", "2", "lying", 300, 0),
                session("s_0001", "1", "lying", 310, 0),
                session("s_0002", "2", "sitting", 300, 0)), LABELS);
        assertThat(m.keySet()).containsExactly("1", "2");
        assertThat(m.get("2").length()).isEqualTo(600);
        assertThat(EvalWindows.slice(m.get("2"))).extracting(EvalWindow::label).containsExactly(1, 0);
    }

    @Test
    void inconsistentSessionsAreNamed() {
        Session a = session("s_0001", "1", "lying", 300, 0);
        assertThatThrownBy(() -> EvalWindows.concatenate(List.of(a, session("s_0002", "2", "lying", 10, 0)), LABELS))
                .hasMessageContaining("demo/s_0002").hasMessageContaining("subject 2");
        assertThatThrownBy(() -> EvalWindows.concatenate(List.of(a, session("s_0002", "1", "running", 10, 0)), LABELS))
                .hasMessageContaining("demo/s_0002").hasMessageContaining("'running'");
        Session other = new Session("s_0003", "demo", "1", "lying", 25, CH, new float[2][10], "x");
        assertThatThrownBy(() -> EvalWindows.concatenate(List.of(a, other), LABELS))
                .hasMessageContaining("demo/s_0003").hasMessageContaining("rate 25.0");
    }
}
