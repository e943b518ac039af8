/**
 * Sources of device frames for the edge client: {@link io.tsfm.edge.source.FrameSource} the interface,
 * {@link io.tsfm.edge.source.CsvStreamSource} the generic CSV format from a file or standard input (paced by a
 * {@link io.tsfm.edge.source.Pacer} when replaying a recording). Dataset replay and synthetic devices are development
 * tooling in the lab module ({@code io.tsfm.lab.replay}).
 */
package io.tsfm.edge.source;
