/**
 * Frame sources that stand in for devices: {@link io.tsfm.lab.replay.DatasetReplaySource} (recorded sessions as
 * per-device streams, real time or accelerated by a {@link io.tsfm.edge.source.Pacer}; {@link
 * io.tsfm.lab.replay.SessionStream} one session's frames) and {@link io.tsfm.lab.replay.SyntheticSource} (a made-up
 * device for smoke tests), and {@link io.tsfm.lab.replay.CsvStreamSource} (the generic CSV format from a file or a
 * pipe, what {@code tsfm edge --csv} streams).
 */
package io.tsfm.lab.replay;
