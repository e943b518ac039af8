package io.tsfm.core.serving;

import io.tsfm.core.annotation.Internal;

/**
 * The rules of label-set updates, shared by the streaming job and the edge client. Per id, an update replaces the
 * held set only when its version is higher. Which set scores a device's windows: among the held sets that apply to
 * the device, one that names the device beats one for every device; among equals, the latest issued wins (then the
 * smaller id, so the choice never depends on iteration order); with none, the deployment's default. Stateless.
 */
@Internal
public final class LabelSetChoice {

    private LabelSetChoice() {
    }

    /** Whether {@code update} replaces {@code held} (the set of the same id held now; null for none). */
    public static boolean supersedes(LabelSetEntry held, LabelSetEntry update) {
        return held == null || update.version() > held.version();
    }

    /** The set for {@code deviceId} among {@code sets}, else {@code fallback}. */
    public static LabelSetEntry choose(Iterable<LabelSetEntry> sets, String deviceId, LabelSetEntry fallback) {
        LabelSetEntry best = null;
        for (LabelSetEntry s : sets) {
            if (s.appliesTo(deviceId) && (best == null || better(s, best))) {
                best = s;
            }
        }
        return best != null ? best : fallback;
    }

    private static boolean better(LabelSetEntry a, LabelSetEntry b) {
        if (a.scoped() != b.scoped()) {
            return a.scoped();
        }
        if (a.issuedAtMicros() != b.issuedAtMicros()) {
            return a.issuedAtMicros() > b.issuedAtMicros();
        }
        return a.id().compareTo(b.id()) < 0;
    }
}
