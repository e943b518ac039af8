package io.tsfm.job.kafka;

import io.tsfm.core.annotation.Internal;
import io.tsfm.core.serving.ScoredWindow;
import io.tsfm.core.time.Clocks;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.Prediction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a {@link ScoredWindow} as a {@code Prediction} (single-object Avro, key = device id). The emit time and the
 * end-to-end latency are taken here, when the record is handed to the Kafka producer.
 */
@Internal
public final class PredictionSerializer extends TopicSerializer<ScoredWindow> {

    private static final long serialVersionUID = 1L;

    /** @param topic the predictions topic */
    public PredictionSerializer(String topic) {
        super(topic);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(ScoredWindow w, KafkaSinkContext context, Long timestamp) {
        Prediction p = w.toPrediction(Clocks.nowMicros());
        // the record's timestamp is the window's own event time (its end, less 1 ms), whatever fired it: the element
        // timestamp is the frame's, none (an idle device's windows) or Long.MAX_VALUE (the end of a bounded input),
        // which Kafka would refuse as out of range
        return new ProducerRecord<>(topic, null, w.endMicros() / 1000 - 1, w.deviceId().getBytes(StandardCharsets.UTF_8),
                WireFormat.PREDICTION.encode(p));
    }
}
