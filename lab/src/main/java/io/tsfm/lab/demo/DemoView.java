package io.tsfm.lab.demo;

import java.util.List;

/**
 * What the demo shows while it runs: {@link LiveView} redraws a table in place on a terminal, {@link LineView} writes
 * plain lines for logs and pipes. Called from the demo's main thread, except {@link #event}, which the prediction
 * consumer calls; implementations are thread-safe.
 */
public interface DemoView extends AutoCloseable {

    /** The run is set up: say what plays where. */
    void started(DemoHeader header);

    /** One prediction arrived ({@code elapsedSeconds} since the fleet started). */
    void event(Scoreboard.Event event, double elapsedSeconds);

    /** A new label set was published on the control topic. */
    void labelSetPublished(String id, long version, List<String> labels, double elapsedSeconds);

    /** Periodic refresh with the state so far; {@code totalSeconds} is 0 when the run lasts until Ctrl-C. */
    void refresh(Scoreboard.Snapshot snapshot, double elapsedSeconds, double totalSeconds);

    /** The devices stopped; the last windows are committing, then everything shuts down. */
    void stopping(double elapsedSeconds);

    /** Leaves the output in a clean state (cursor shown, line ended); the summary follows. */
    @Override
    void close();
}
