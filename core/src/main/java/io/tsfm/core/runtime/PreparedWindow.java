package io.tsfm.core.runtime;

import io.tsfm.core.preprocess.PatchedWindow;
import io.tsfm.core.preprocess.Patcher;
import java.util.List;

/**
 * One caller window checked and patch-tokenised for the model, or the reason it cannot be: the bad-input rules of
 * the runtime live here. A window is refused (and only that window) when it is null, has no channels, has a
 * channel count different from its description count, a blank description, ragged channels, a non-finite sample, a
 * bad sampling rate, or fewer samples than one patch. Immutable.
 *
 * @param id           the window's id (or {@code window[i]} when the window itself is null)
 * @param patched      the patches, null on error
 * @param descriptions one description per channel, null on error
 * @param error        null when the window is usable
 */
record PreparedWindow(String id, PatchedWindow patched, List<String> descriptions, String error) {

    /** Checks and patches window {@code index} of a batch. */
    static PreparedWindow of(SensorWindow w, int index, Patcher patcher, double patchSeconds) {
        if (w == null) {
            return failed("window[" + index + "]", "window " + index + " of the batch is null");
        }
        float[][] samples = w.samples();
        if (samples.length == 0) {
            return failed(w.id(), "window has no channels");
        }
        if (w.channelDescriptions().size() != samples.length) {
            return failed(w.id(), "window has " + samples.length + " channels but " + w.channelDescriptions().size()
                    + " channel descriptions (one per channel expected)");
        }
        for (int c = 0; c < samples.length; c++) {
            String d = w.channelDescriptions().get(c);
            if (d == null || d.isBlank()) {
                return failed(w.id(), "channel " + c + " has a blank description");
            }
            if (samples[c] == null) {
                return failed(w.id(), "channel " + c + " has no samples (null)");
            }
        }
        try {
            return new PreparedWindow(w.id(), patcher.patch(samples, w.rateHz(), patchSeconds),
                    w.channelDescriptions(), null);
        } catch (IllegalArgumentException e) {
            return failed(w.id(), e.getMessage());
        }
    }

    private static PreparedWindow failed(String id, String why) {
        return new PreparedWindow(id, null, null, why);
    }

    boolean ok() {
        return error == null;
    }
}
