package io.tsfm.lab.fleet;

import io.tsfm.edge.frame.ImuFrameCodec;
import io.tsfm.edge.kafka.KafkaSettings;
import io.tsfm.schemas.Topics;
import io.tsfm.schemas.WireFormat;
import io.tsfm.schemas.avro.ImuFrame;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends simulated frames to Kafka with one idempotent producer (key = device id, value = {@code ImuFrame} in the wire
 * format), asynchronously: the fleet is a load generator, so it keeps no spool (the devices' own imperfections are
 * simulated instead). Failures are counted and the first few logged. Not thread-safe.
 */
public final class KafkaFleetSink implements FleetSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaFleetSink.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicLong failures = new AtomicLong();

    /** @param topic frames topic, usually {@link Topics#IMU_FRAMES} */
    public KafkaFleetSink(KafkaSettings kafka, String topic) {
        java.util.Properties props = kafka.producerProperties();
        // a load generator gives up on a frame after two minutes rather than blocking flush() forever
        if (!kafka.userProperties().containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) {
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        }
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
    }

    @Override
    public void send(ImuFrame frame) {
        byte[] value = WireFormat.IMU_FRAME.encode(frame);
        producer.send(new ProducerRecord<>(topic, ImuFrameCodec.key(frame.getDeviceId()), value), (meta, e) -> {
            if (e != null && failures.incrementAndGet() <= 5) {
                LOG.warn("frame {} #{} not delivered: {}", frame.getDeviceId(), frame.getSequence(), e.toString());
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
