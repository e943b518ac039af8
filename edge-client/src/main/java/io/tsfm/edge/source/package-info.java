/**
 * Sources of device frames for the edge client: {@link io.tsfm.lab.replay.DatasetReplaySource} (recorded sessions
 * as per-device streams, real time or accelerated by a {@link io.tsfm.edge.source.Pacer}),
 * {@link io.tsfm.edge.source.CsvStreamSource} (the generic CSV format from a file or standard input) and
 * {@link io.tsfm.lab.replay.SyntheticSource} (a made-up device for smoke tests).
 */
package io.tsfm.edge.source;
