package io.tsfm.edge.spool;

import io.tsfm.core.annotation.PublicApi;
import java.nio.file.Path;

/**
 * One segment that opening the {@link Spool} had to cut at its last intact record.
 *
 * @param kind             torn tail (expected after a crash) or corruption (records may have been lost)
 * @param file             the segment file
 * @param byteOffset       file position of the first bad frame; the file now ends here
 * @param bytesCut         bytes removed from the file
 * @param lastIntactOffset offset of the last record kept in this file, or -1 when none was
 * @param detail           what was wrong with the first bad frame
 * @param quarantine       for {@link Kind#CORRUPTION}, the file holding a copy of the bytes cut; otherwise null
 */
@PublicApi
public record RecoveryEvent(Kind kind, Path file, long byteOffset, long bytesCut, long lastIntactOffset,
                            String detail, Path quarantine) {

    /** Why the segment was cut. */
    public enum Kind {
        /**
         * The bad frame is the end of the newest segment and no intact frame follows it: an append interrupted
         * by a crash or power loss. Nothing that had been fully written is lost.
         */
        TORN_TAIL,
        /**
         * Damage that a crashed append cannot explain: a bad frame in an older segment, or one followed by
         * intact frames. Replay stops at it rather than guessing where the next good record begins; the bytes
         * from there on are kept in {@link #quarantine()}.
         */
        CORRUPTION
    }

    /** The log line for this event: file, byte offset, bytes cut and why. */
    public String describe() {
        String head = (kind == Kind.TORN_TAIL ? "torn tail" : "CORRUPTION") + " in " + file + " at byte " + byteOffset
                + " (" + detail + "): cut " + bytesCut + " bytes, last intact record "
                + (lastIntactOffset < 0 ? "none in this file" : "offset " + lastIntactOffset);
        return quarantine == null ? head : head + "; cut bytes saved to " + quarantine;
    }
}
