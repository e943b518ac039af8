package io.tsfm.lab.fleet;

/**
 * What the simulator did to one device, for checking what a consumer measures against the truth.
 *
 * @param deviceId           device
 * @param clockOffsetMicros  its clock offset, µs (device time minus true time at the start)
 * @param driftPpm           its clock drift, ppm (positive: the clock runs fast)
 * @param framesGenerated    sequence numbers used (frames the device recorded)
 * @param framesDropped      frames lost
 * @param framesDuplicated   frames sent twice
 * @param disconnects        disconnections
 * @param framesInBursts     frames held during a disconnection and sent in the burst after it
 */
public record DeviceTruth(String deviceId, long clockOffsetMicros, double driftPpm, long framesGenerated,
                          long framesDropped, long framesDuplicated, long disconnects, long framesInBursts) {
}
