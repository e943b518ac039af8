package io.tsfm.training.run;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nearest the training sets come to a phone in a trouser pocket (MobiFall, MotionSense): a held-out session that
 * carries a thigh sensor, cut to that one device (the right thigh where both are worn). HuGaDB's six-IMU sessions and
 * UTD-MHAD's leg actions have one; the wrist and waist sets none.
 */
final class ThighSessions {
    /** The positions taken, in order of preference. */
    static final List<String> POSITIONS = List.of("right thigh", "left thigh");

    private ThighSessions() {}

    /** Every session of {@code sessions} that has a thigh sensor, cut to it, in order. */
    static List<Session> of(List<Session> sessions) {
        List<Session> out = new ArrayList<>();
        for (Session s : sessions) cut(s).ifPresent(out::add);
        return out;
    }

    /** {@code session} cut to the channels of its preferred thigh position, if it has one. */
    static Optional<Session> cut(Session session) {
        for (String position : POSITIONS) {
            List<Channel> kept = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            for (int c = 0; c < session.numChannels(); c++) {
                if (position.equals(session.channels().get(c).position())) {
                    kept.add(session.channels().get(c));
                    rows.add(session.samples()[c]);
                }
            }
            if (kept.isEmpty()) continue;
            if (kept.size() == session.numChannels()) return Optional.of(session);
            return Optional.of(new Session(session.id(), session.dataset(), session.subject(), session.label(),
                    session.rateHz(), kept, rows.toArray(new float[0][]), session.source()));
        }
        return Optional.empty();
    }
}
