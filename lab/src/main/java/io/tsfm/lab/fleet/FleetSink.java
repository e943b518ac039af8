package io.tsfm.lab.fleet;

import io.tsfm.schemas.avro.ImuFrame;

/**
 * Where a {@link FleetSimulator} sends its frames. Called from the simulator's thread only.
 */
public interface FleetSink extends AutoCloseable {

    /** Sends one frame (asynchronously where the sink can). */
    void send(ImuFrame frame);

    /** Blocks until everything sent so far has been delivered (or failed). */
    void flush();

    /** Frames that could not be delivered. */
    long failures();

    @Override
    void close();
}
