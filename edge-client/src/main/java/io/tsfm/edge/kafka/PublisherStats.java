package io.tsfm.edge.kafka;

import io.tsfm.core.annotation.PublicApi;
import io.tsfm.edge.spool.SpoolStats;

/**
 * A snapshot of a {@link SpooledPublisher}.
 *
 * @param appended         records handed to the publisher (appended to the spool) since it was opened
 * @param delivered        records the broker acknowledged since it was opened (re-sends after a failure included once
 *                         per acknowledgement)
 * @param pending          records in the spool not yet acknowledged by the broker (from earlier runs too)
 * @param failedAttempts   send attempts that failed (broker unreachable, timeout, error) and were retried
 * @param producerRestarts Kafka producers discarded after a failure and opened again
 * @param rejected         records the broker can never take (too large, invalid topic): logged, counted, skipped
 * @param connected        whether the last attempt succeeded
 * @param lastError        the last failure, or null
 * @param spool            the spool's own counters (dropped records under its overflow policy, recovery cuts)
 */
@PublicApi
public record PublisherStats(long appended, long delivered, long pending, long failedAttempts, long producerRestarts,
                             long rejected, boolean connected, String lastError, SpoolStats spool) {
}
