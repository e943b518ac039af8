package io.tsfm.simulation.sensor;

import java.util.Locale;

/**
 * The body sites that real datasets put IMUs at, named the way their channel descriptions name them
 * ("Accelerometer X-axis (right thigh)"). The thigh site is where a phone in a front trouser pocket sits.
 */
public enum BodySite {
    RIGHT_WRIST("right wrist"),
    LEFT_WRIST("left wrist"),
    RIGHT_UPPER_ARM("right upper arm"),
    LEFT_UPPER_ARM("left upper arm"),
    WAIST("waist"),
    CHEST("chest"),
    RIGHT_THIGH("right thigh"),
    LEFT_THIGH("left thigh"),
    RIGHT_ANKLE("right ankle"),
    LEFT_ANKLE("left ankle"),
    HEAD("head");

    private final String position;

    BodySite(String position) {
        this.position = position;
    }

    /** The position text of the channel descriptions, e.g. {@code right thigh}. */
    public String position() {
        return position;
    }

    /** The position as an id part, e.g. {@code right_thigh}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
