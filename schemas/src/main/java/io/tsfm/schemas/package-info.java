/**
 * The wire contract of the pipeline: Kafka topics, Avro single-object encoding of each wire type with its
 * schema history, and the rules a schema cannot state, checked on encode and decode.
 */
package io.tsfm.schemas;
