package io.tsfm.core.data.seed;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.DatasetSource;
import io.tsfm.core.data.reading.DelimitedText;
import io.tsfm.core.data.reading.ProblemLog;
import io.tsfm.core.data.reading.SampleBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A file that holds one recording, one sample per line (DSADS segments, KU-HAR trials). A bad line is
 * logged and splits the recording into parts, since the lines either side of it are not contiguous; parts
 * shorter than 2 samples are dropped with a counted warning. Stateless.
 */
final class RecordingFile {
    private RecordingFile() {}

    /** Fills {@code into} with the channel values of one row; throws to reject the row. */
    interface RowParser {
        void parse(DelimitedText.Row row, float[] into);
    }

    /**
     * A contiguous part of the recording.
     *
     * @param samples   {@code [channel][t]}
     * @param firstLine first source line
     * @param lastLine  last source line
     */
    record Part(float[][] samples, long firstLine, long lastLine) {}

    static List<Part> read(DatasetSource source, String file, DelimitedText.Format format, int channels,
                           RowParser parser, ProblemLog log) throws IOException {
        List<Part> parts = new ArrayList<>();
        SampleBuffer buf = new SampleBuffer(channels);
        float[] row = new float[channels];
        try (InputStream in = source.open(file); DelimitedText t = DelimitedText.open(in, file, format)) {
            DelimitedText.Row r;
            while ((r = t.next(log)) != null) {
                if (r.skippedBefore() > 0) cut(buf, parts, file, log);
                try {
                    parser.parse(r, row);
                    buf.append(row, r.line());
                } catch (DataFormatException e) {
                    log.error(e.file(), e.line(), e.column(), e.reason() + "; row skipped, recording split here");
                    cut(buf, parts, file, log);
                }
            }
        }
        cut(buf, parts, file, log);
        return parts;
    }

    private static void cut(SampleBuffer buf, List<Part> parts, String file, ProblemLog log) {
        if (buf.isEmpty()) return;
        if (buf.size() < 2) {
            log.warning(file, buf.firstLine(), 0, "parts shorter than 2 rows skipped", 1);
        } else {
            parts.add(new Part(buf.samples(), buf.firstLine(), buf.lastLine()));
        }
        buf.clear();
    }

    /** The session id of part {@code i}: the base id, then {@code base_part2}, {@code base_part3}, ... */
    static String partId(String baseId, int i) {
        return i == 0 ? baseId : baseId + "_part" + (i + 1);
    }
}
