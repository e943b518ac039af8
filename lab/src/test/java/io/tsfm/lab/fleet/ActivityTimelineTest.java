package io.tsfm.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.Session;
import io.tsfm.edge.source.Pacer;
import io.tsfm.edge.testing.Hapt;
import io.tsfm.schemas.avro.ImuFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fleet's ground truth against what the devices actually sent: real HAPT sessions replayed by a
 * {@link FleetSimulator}, every frame's first sample located in the concatenated recordings by its sequence number,
 * and the timeline asked, at the frame's own (device-clock) timestamp, what the device was doing. With offset and
 * drifting clocks too, since windows are cut on the device's clock.
 */
class ActivityTimelineTest {
    private static final long START = 1_700_000_000_000_000L;
    private static final int RATE = 50;
    private static final int FRAME_SAMPLES = 10; // 0.2 s frames at 50 Hz

    @Test
    void perfectClocksAnswerTheLabelOfTheSamplesEachFrameCarries() throws Exception {
        check(Imperfections.none());
    }

    @Test
    void offsetAndDriftingClocksAreFollowed() throws Exception {
        check(new Imperfections(3.0, 400, 0, 0, 0, 0, 0));
    }

    private static void check(Imperfections imp) throws Exception {
        List<Session> sessions = Hapt.dataset().sessions().stream().filter(s -> s.rateHz() == RATE).limit(8).toList();
        CollectingSink sink = new CollectingSink();
        FleetSimulator fleet = FleetSimulator.builder().setSessions(sessions).setSink(sink).optDevices(2)
                .optRateHz(RATE).optFrameSeconds(FRAME_SAMPLES / (double) RATE).optSeconds(0)
                .optPacer(Pacer.unpaced()).optImperfections(imp).optSeed(3).optStartMicros(START).build();
        FleetReport report = fleet.run();
        ActivityTimeline timeline = fleet.timeline();
        Map<String, List<ImuFrame>> byDevice = sink.frames.stream()
                .collect(Collectors.groupingBy(f -> f.getDeviceId().toString()));
        assertThat(byDevice).containsOnlyKeys("sim-0", "sim-1");

        int checked = 0;
        int changes = 0;
        for (int d = 0; d < 2; d++) {
            // device d plays the sessions from d * n / devices on, in order (see FleetSimulator)
            int first = d * sessions.size() / 2;
            List<Session> order = new ArrayList<>(sessions.subList(first, sessions.size()));
            order.addAll(sessions.subList(0, first));
            List<String> labelOfSample = new ArrayList<>();
            for (Session s : order) for (int i = 0; i < s.length(); i++) labelOfSample.add(s.label());

            String previous = null;
            for (ImuFrame f : byDevice.get("sim-" + d)) {
                int sample = (int) f.getSequence() * FRAME_SAMPLES;
                String truth = labelOfSample.get(sample);
                long stamp = f.getFirstSampleEpochMicros();
                assertThat(timeline.activityAt("sim-" + d, stamp)).as("sim-%d frame %d", d, f.getSequence())
                        .contains(truth);
                if (previous != null && !previous.equals(truth)) changes++;
                previous = truth;
                checked++;
            }
        }
        assertThat(checked).isEqualTo(report.framesSent());
        assertThat(changes).as("activity changes seen").isGreaterThanOrEqualTo(4);
        assertThat(timeline.activityAt("sim-0", START - 10_000_000)).as("before the first session").isEmpty();
        assertThat(timeline.activityAt("sim-9", START)).as("unknown device").isEmpty();
    }

    @Test
    void aWindowAcrossAChangeOfActivityTakesTheMajority() throws Exception {
        List<Session> sessions = Hapt.dataset().sessions().stream().filter(s -> s.rateHz() == RATE).limit(3).toList();
        assertThat(sessions.get(0).label()).isNotEqualTo(sessions.get(1).label());
        CollectingSink sink = new CollectingSink();
        FleetSimulator fleet = FleetSimulator.builder().setSessions(sessions).setSink(sink).optDevices(1)
                .optRateHz(RATE).optSeconds(0).optPacer(Pacer.unpaced()).optImperfections(Imperfections.none())
                .optStartMicros(START).build();
        fleet.run();
        long change = START + Math.round(sessions.get(0).length() * 1e6 / RATE);
        ActivityTimeline t = fleet.timeline();
        assertThat(t.dominantActivity("sim-0", change - 4_000_000, change + 2_000_000)).contains(sessions.get(0).label());
        assertThat(t.dominantActivity("sim-0", change - 2_000_000, change + 4_000_000)).contains(sessions.get(1).label());
        assertThat(t.dominantActivity("sim-0", change, change + 6_000_000)).contains(sessions.get(1).label());
        assertThat(t.dominantActivity("sim-0", START - 6_000_000, START)).as("before any data").isEmpty();
    }
}
