package io.tsfm.job.decode;

import io.tsfm.core.annotation.Internal;
import java.io.Serializable;

/** Decodes one Kafka record of a topic the job reads; never throws on data (bad records become rejections). */
@FunctionalInterface
@Internal
public interface RecordDecoder extends Serializable {

    /** The record decoded, or its rejection. */
    Decoded decode(SourceRecord record);
}
