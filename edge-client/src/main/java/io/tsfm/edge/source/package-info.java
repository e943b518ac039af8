/**
 * Sources of device frames for the edge client: {@link io.tsfm.edge.source.FrameSource} the interface a device's
 * sensor loop implements, and {@link io.tsfm.edge.source.Pacer}, which paces a source that replays a recording.
 * Replaying recordings (datasets, the generic CSV format from a file or a pipe) and synthetic devices are development
 * tooling in the lab module ({@code io.tsfm.lab.replay}), so the edge client carries no dataset reader.
 */
package io.tsfm.edge.source;
