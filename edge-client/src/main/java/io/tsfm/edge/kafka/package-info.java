/**
 * Delivery to Kafka from the device: {@link io.tsfm.edge.kafka.SpooledPublisher} sends the durable spool's frames and
 * predictions with per-device sequence numbers ({@link io.tsfm.edge.kafka.SequenceLedger}) and idempotent producer
 * settings ({@link io.tsfm.edge.kafka.KafkaSettings}), and counts what it did ({@link io.tsfm.edge.kafka.PublisherStats}).
 */
package io.tsfm.edge.kafka;
