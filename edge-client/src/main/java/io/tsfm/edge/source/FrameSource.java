package io.tsfm.edge.source;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.edge.frame.DeviceFrame;
import java.io.IOException;

/**
 * Where the edge client's frames come from: a replayed dataset, a CSV stream, a synthetic device. Frames of one
 * device come in order (by sequence and event time); frames of different devices may interleave. A paced source
 * blocks in {@link #next()} until a frame is due, so that consumers see data arrive as a device would send it.
 *
 * <p>Not thread-safe: one consumer calls {@link #next()}.
 */
@PublicApi
public interface FrameSource extends AutoCloseable {

    /**
     * The next frame, blocking until it is due or available; null when the source has ended.
     *
     * @throws IOException          when the underlying input fails (bad data is reported, not thrown)
     * @throws InterruptedException when the waiting thread is interrupted
     */
    DeviceFrame next() throws IOException, InterruptedException;

    /** What this source reads, for logs and reports. */
    String describe();

    @Override
    void close() throws IOException;
}
