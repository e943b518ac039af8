package io.tsfm.edge.spool;

import io.tsfm.core.annotation.PublicApi;

/**
 * What a full {@link Spool} gives up when an append would take it past its size bound. Either way the loss is
 * counted in {@link SpoolStats#droppedRecords()} and {@link SpoolStats#droppedBytes()}, and logged.
 */
@PublicApi
public enum OverflowPolicy {
    /**
     * Delete the oldest whole segments until the new record fits; only their unacknowledged records count as
     * dropped. This is the default because the producer on a device cannot wait: sensor frames keep coming
     * whether the broker is up or not, so blocking or failing the newest record would lose the present to keep
     * the past. After a long outage the recent minutes are the ones a live view needs, the loss is a single
     * contiguous gap at the start of the backlog (visible to consumers as a jump in the per-device sequence
     * numbers), and space is reclaimed a segment at a time, without rewriting files.
     */
    DROP_OLDEST,

    /**
     * Keep everything already spooled and refuse the new record: {@link Spool#append} throws
     * {@link SpoolFullException}. For callers that must keep the earliest data (audits, a recording whose start
     * matters) and can decide themselves what to do with the refused record.
     */
    REJECT_NEWEST
}
