package io.tsfm.datasets.eval;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels a test set is evaluated on (spec §1.5: the "core" accelerometer and gyroscope channels): a recording's
 * other channels (MotionSense's gravity vector and attitude angles, say) are left out, as the reference leaves them
 * out. A recording without a gyroscope keeps its accelerometer alone, where the reference fills zeros: the model
 * reads any number of channels, and a zero "gyroscope" would be a signal no device sends. Stateless and thread-safe.
 */
public final class CoreChannels {
    private CoreChannels() {}

    /** Whether a channel of this kind is one of the evaluated ones. */
    public static boolean isCore(SensorKind kind) {
        return kind == SensorKind.ACCELEROMETER || kind == SensorKind.GYROSCOPE;
    }

    /**
     * {@code session} with its core channels only, in their order; the session itself when it has no other.
     *
     * @throws IllegalArgumentException naming the session when it has no accelerometer or gyroscope channel
     */
    public static Session of(Session session) {
        List<Channel> kept = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int c = 0; c < session.numChannels(); c++) {
            Channel ch = session.channels().get(c);
            if (isCore(ch.kind())) {
                kept.add(ch);
                rows.add(session.samples()[c]);
            }
        }
        if (kept.size() == session.numChannels()) return session;
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(session.dataset() + "/" + session.id() + " (" + session.source()
                    + "): no accelerometer or gyroscope channel to evaluate");
        }
        return new Session(session.id(), session.dataset(), session.subject(), session.label(), session.rateHz(), kept,
                rows.toArray(new float[0][]), session.source());
    }
}
