package io.tsfm.datasets.readers;

import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.ProblemLog;
import io.tsfm.datasets.reading.SampleBuffer;
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

    /** The contiguous parts of the recording, in file order. */
    static List<SampleBuffer.Run> read(DatasetSource source, String file, DelimitedText.Format format, int channels,
                                       RowParser parser, ProblemLog log) throws IOException {
        List<SampleBuffer.Run> parts = new ArrayList<>();
        SampleBuffer buf = new SampleBuffer(channels);
        float[] row = new float[channels];
        try (InputStream in = source.open(file); DelimitedText t = DelimitedText.open(in, file, format)) {
            t.readRuns(log, "recording split here", r -> {
                parser.parse(r, row);
                buf.append(row, r.line());
            }, () -> {
                SampleBuffer.Run part = buf.take(log, file, "parts");
                if (part != null) parts.add(part);
            });
        }
        return parts;
    }

    /** The session id of part {@code i}: the base id, then {@code base_part2}, {@code base_part3}, ... */
    static String partId(String baseId, int i) {
        return i == 0 ? baseId : baseId + "_part" + (i + 1);
    }
}
