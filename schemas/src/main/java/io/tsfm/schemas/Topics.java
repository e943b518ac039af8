package io.tsfm.schemas;

/**
 * Kafka topic names of the TSFM pipeline, with the wire type and key each carries. Keys are UTF-8 strings.
 */
public final class Topics {

    /** {@code ImuFrame} from devices; key = deviceId, so a device's frames stay ordered in one partition. */
    public static final String IMU_FRAMES = "tsfm.imu.frames";
    /** {@code Prediction} per window; key = deviceId. */
    public static final String PREDICTIONS = "tsfm.predictions";
    /** {@code LabelSetUpdate} control messages; key = labelSetId; meant to be log-compacted. */
    public static final String LABEL_SETS = "tsfm.control.label-sets";
    /** {@code DeadLetter} for records the job could not process; key = the source record's key. */
    public static final String DEAD_LETTERS = "tsfm.dead-letters";

    private Topics() {
    }
}
