package io.tsfm.edge.spool;

/**
 * The outcome of reading one frame from a segment.
 *
 * @param status   what was found
 * @param position file position of the frame
 * @param size     frame bytes (header included) when {@code status} is OK
 * @param record   the record when OK (header fields only unless materialised)
 * @param detail   for a problem, what exactly was wrong
 */
record ReadOutcome(Status status, long position, int size, SpoolRecord record, String detail) {

    enum Status { OK, END, SHORT_HEADER, BAD_LENGTH, SHORT_BODY, BAD_CRC, BAD_BODY, BAD_OFFSET }

    boolean ok() {
        return status == Status.OK;
    }

    static ReadOutcome problem(Status status, long position, String detail) {
        return new ReadOutcome(status, position, 0, null, detail);
    }
}
