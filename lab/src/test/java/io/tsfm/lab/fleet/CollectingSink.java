package io.tsfm.lab.fleet;

import io.tsfm.schemas.avro.ImuFrame;
import java.util.ArrayList;
import java.util.List;

/** TEST ONLY: a {@link FleetSink} that keeps every frame in memory, in the order sent; never fails. */
final class CollectingSink implements FleetSink {
    final List<ImuFrame> frames = new ArrayList<>();

    @Override
    public void send(ImuFrame frame) {
        frames.add(frame);
    }

    @Override
    public void flush() {
    }

    @Override
    public long failures() {
        return 0;
    }

    @Override
    public void close() {
    }
}
