package io.tsfm.benchmark.stream;

/**
 * Figures of one stream pass: what was replayed and how long until the predictions were back.
 *
 * @param dataset        dataset name
 * @param labelSetId     the label set registered for the pass (also the pass id)
 * @param labels         number of candidate labels
 * @param devices        stream devices replayed
 * @param windows        windows asked for
 * @param answered       distinct windows answered
 * @param frames         frames sent
 * @param sendSeconds    wall seconds from the first frame sent to the last acknowledged by Kafka
 * @param seconds        wall seconds from the first frame sent to the last answer (or to giving up)
 * @param timedOut       whether the pass ended on the idle timeout with windows unanswered
 */
public record PassStats(String dataset, String labelSetId, int labels, int devices, int windows, int answered,
                        long frames, double sendSeconds, double seconds, boolean timedOut) {

    /** Windows answered per wall second of the pass (replay throughput). */
    public double windowsPerSecond() {
        return seconds > 0 ? answered / seconds : 0;
    }
}
