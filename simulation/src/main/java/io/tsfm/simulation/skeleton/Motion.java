package io.tsfm.simulation.skeleton;

/**
 * A parsed clip: skeleton, frame rate and one row of channel values per frame. Rows hold translations in
 * metres and rotations in radians (parsers convert), laid out as {@link Skeleton.Joint#first()} says.
 *
 * @param skeleton the joint hierarchy
 * @param fps      frames per second
 * @param frames   {@code [frame][value]}
 * @param source   file name, for messages
 */
public record Motion(Skeleton skeleton, double fps, double[][] frames, String source) {
    public int length() {
        return frames.length;
    }

    /** The same motion at another frame rate (a header that states the wrong rate). */
    public Motion withFps(double newFps) {
        return new Motion(skeleton, newFps, frames, source);
    }
}
