package io.tsfm.edge.spool;

import io.tsfm.core.annotation.PublicApi;

/**
 * A snapshot of a {@link Spool}'s state. The drop and recovery counters cover the lifetime of this open spool
 * (they restart at zero when it is reopened); the others describe what is on disk.
 *
 * @param records              unacknowledged records waiting for replay
 * @param bytes                bytes in all segment files (acknowledged records in a partly acknowledged segment included)
 * @param segments             number of segment files
 * @param readOffset           committed read position: the next offset replay starts from
 * @param nextOffset           offset the next append will get
 * @param droppedRecords       records lost to the size bound: oldest unacknowledged ones deleted under
 *                             {@link OverflowPolicy#DROP_OLDEST}, refused new ones under {@link OverflowPolicy#REJECT_NEWEST}
 * @param droppedBytes         frame bytes of those records
 * @param recoveredTruncations segments cut at their last intact record when the spool was opened
 * @param recoveredBytesCut    bytes cut by those truncations
 */
@PublicApi
public record SpoolStats(long records, long bytes, int segments, long readOffset, long nextOffset,
                         long droppedRecords, long droppedBytes, int recoveredTruncations, long recoveredBytesCut) {
}
