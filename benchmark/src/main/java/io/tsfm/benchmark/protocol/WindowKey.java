package io.tsfm.benchmark.protocol;

import java.util.Objects;

/**
 * Identity of an evaluation window, the join key between windows and predictions on every inference path: the
 * dataset, the device (one per subject, the unit the reference concatenates into one table) and the window's first
 * sample in that device's table. {@link #toString()} is {@code <dataset>/<device>/<startSample>}, the id a
 * {@code SensorWindow} carries.
 *
 * @param dataset     dataset name
 * @param device      subject (device) id
 * @param startSample first sample of the window in the device's concatenated table
 */
public record WindowKey(String dataset, String device, int startSample) implements Comparable<WindowKey> {
    public WindowKey {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(device, "device");
        if (startSample < 0) throw new IllegalArgumentException("negative start sample " + startSample);
    }

    /**
     * Parses {@code <dataset>/<device>/<startSample>}; the device may itself contain '/'.
     *
     * @throws IllegalArgumentException naming the text when it is not a window id
     */
    public static WindowKey parse(String id) {
        int first = id.indexOf('/');
        int last = id.lastIndexOf('/');
        if (first < 0 || last == first) {
            throw new IllegalArgumentException("'" + id + "' is not a window id <dataset>/<device>/<startSample>");
        }
        try {
            return new WindowKey(id.substring(0, first), id.substring(first + 1, last),
                    Integer.parseInt(id.substring(last + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + id + "': start sample '" + id.substring(last + 1)
                    + "' is not an integer", e);
        }
    }

    @Override
    public int compareTo(WindowKey o) {
        int c = dataset.compareTo(o.dataset);
        if (c != 0) return c;
        c = device.compareTo(o.device);
        return c != 0 ? c : Integer.compare(startSample, o.startSample);
    }

    @Override
    public String toString() {
        return dataset + "/" + device + "/" + startSample;
    }
}
