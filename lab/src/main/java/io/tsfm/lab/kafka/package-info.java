/**
 * A real Kafka broker (KRaft) in this JVM, {@link io.tsfm.lab.kafka.EmbeddedKafka}: for local runs of the job, the
 * benchmark's embedded stream path and tests. Never part of the job jar.
 */
package io.tsfm.lab.kafka;
