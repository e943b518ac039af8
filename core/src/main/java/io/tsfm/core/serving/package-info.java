/**
 * The serving loop shared by the streaming job's inference operator and the edge client: a batch of assembled windows
 * grouped by the label set each device is scored against, one classifier call per group with its result count
 * checked, and the {@code Prediction} record built from a scored window; and the label sets as control-topic updates
 * deliver them, with the rules that pick a device's set. Callers keep their own batching, state, metrics and delivery
 * (Flink's operator; the edge client's spool).
 */
package io.tsfm.core.serving;
