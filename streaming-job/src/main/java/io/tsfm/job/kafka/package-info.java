/**
 * Kafka around the job: the sources' deserializer, the sinks' serializers, their configuration, and an in-process
 * KRaft broker for local runs and tests.
 */
package io.tsfm.job.kafka;
