package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.WireFormatException;
import io.tsfm.schemas.avro.DeadLetterReason;
import io.tsfm.schemas.avro.LabelSetUpdate;

/**
 * Turns the bytes of one control-topic record into a {@link LabelSetEntry} or a {@link Rejection}; never throws on
 * data. The wire rules (non-empty id, version >= 0, at least one unique non-blank label, unique device scope) are
 * {@link WireFormat#LABEL_SET_UPDATE}'s. Stateless; thread-safe.
 */
@Internal
public final class LabelSetDecoder implements RecordDecoder {

    private static final long serialVersionUID = 1L;

    /** Decodes and validates {@code record}. */
    @Override
    public Decoded decode(SourceRecord record) {
        try {
            LabelSetUpdate u = WireFormat.LABEL_SET_UPDATE.decode(record.value() == null ? new byte[0]
                    : record.value());
            return Decoded.of(LabelSetEntry.of(u));
        } catch (WireFormatException e) {
            return Decoded.of(Rejection.of(record, e.deadLetterReason(), e.getMessage()));
        } catch (RuntimeException e) {
            return Decoded.of(Rejection.of(record, DeadLetterReason.MALFORMED, "LabelSetUpdate: " + e));
        }
    }
}
