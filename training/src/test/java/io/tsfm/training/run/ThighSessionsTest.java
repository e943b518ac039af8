package io.tsfm.training.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThighSessionsTest {

    static Session session(String id, String... positions) {
        List<Channel> channels = new ArrayList<>();
        for (String p : positions) channels.addAll(Channel.accGyro(p));
        float[][] x = new float[channels.size()][4];
        for (int c = 0; c < x.length; c++) x[c][0] = c; // each row marked by its index
        return new Session(id, "hugadb", "s1", "walking", 50, channels, x, "test");
    }

    @Test
    void keepsTheRightThighOfABodyNetworkAndItsRowsOnly() {
        Session all = session("net", "right foot", "left thigh", "right thigh", "right shin");
        Session cut = ThighSessions.cut(all).orElseThrow();
        assertThat(cut.channels()).extracting(Channel::position).containsOnly("right thigh").hasSize(6);
        for (int c = 0; c < 6; c++) assertThat(cut.samples()[c][0]).isEqualTo(12 + c);
        assertThat(cut.id()).isEqualTo("net");
        assertThat(cut.label()).isEqualTo("walking");
    }

    @Test
    void takesTheLeftThighWhenItIsTheOnlyOneAndLeavesOutSessionsWithout() {
        Session left = session("left", "left shin", "left thigh");
        assertThat(ThighSessions.cut(left).orElseThrow().channels()).extracting(Channel::position)
                .containsOnly("left thigh");
        Session alone = session("alone", "right thigh");
        assertThat(ThighSessions.cut(alone)).containsSame(alone);
        Session wrist = session("wrist", "right wrist");
        assertThat(ThighSessions.cut(wrist)).isEmpty();
        assertThat(ThighSessions.of(List.of(wrist, left, alone))).extracting(Session::id).containsExactly("left", "alone");
    }
}
