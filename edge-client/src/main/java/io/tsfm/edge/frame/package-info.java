/**
 * Frames as the edge client handles them ({@link io.tsfm.edge.frame.DeviceFrame}, canonical units, with the
 * {@link io.tsfm.edge.frame.DeviceLayout} they follow) and their wire form ({@link io.tsfm.edge.frame.ImuFrameCodec}).
 */
package io.tsfm.edge.frame;
