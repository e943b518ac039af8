/**
 * Kafka around the job: the sources' deserializer, the sinks' serializers and their configuration (the in-process
 * broker for local runs and tests is in the lab module, {@code io.tsfm.lab.kafka}).
 */
package io.tsfm.job.kafka;
