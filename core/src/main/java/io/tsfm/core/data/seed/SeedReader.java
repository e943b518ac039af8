package io.tsfm.core.data.seed;

import io.tsfm.core.data.Dataset;
import io.tsfm.core.data.DatasetInfo;
import io.tsfm.core.data.DatasetManifest;
import io.tsfm.core.data.DatasetReader;
import io.tsfm.core.data.DatasetSource;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.reading.DelimitedText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the seed-dataset readers share: the label list and source units they declare up front, and how a read
 * becomes a {@link Dataset}. Implementations are stateless and thread-safe.
 */
public abstract class SeedReader implements DatasetReader {

    /** Every label this reader can give a session, sorted; each is a label of the default vocabulary. */
    public abstract List<String> labels();

    /** For each motion sensor kind the dataset records, the unit its files store. */
    public abstract Map<SensorKind, String> sourceUnits();

    /** How the source clocks were brought to the session rate, or "none". */
    public abstract String resampling();

    final Dataset dataset(List<Session> sessions, ReadLog log) {
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort(Comparator.comparing(Session::id));
        Set<String> subjects = new HashSet<>();
        for (Session s : sorted) subjects.add(s.subject());
        DatasetInfo info = info();
        DatasetManifest manifest = new DatasetManifest(info.name(), info.description(), info.role(), subjects.size(),
                labels(), sourceUnits(), resampling(), info.licence(), info.citation());
        return new Dataset(manifest, sorted, log.problems());
    }

    /**
     * A published CSV file read row by row: quoted cells, rows of any width (the reader checks the cells it
     * uses, so one bad row costs only itself), header rows read as rows.
     */
    static DelimitedText csvRows(InputStream in, String file) throws IOException {
        return DelimitedText.open(in, file, DelimitedText.Format.csv().ragged());
    }

    /** A published blank-separated file read row by row, rows of any width. */
    static DelimitedText whitespaceRows(InputStream in, String file) throws IOException {
        return DelimitedText.open(in, file, DelimitedText.Format.whitespace().ragged());
    }

    /** The entries matching {@code regex}, or an error saying what layout was expected. */
    static List<String> require(DatasetSource source, String regex, String expected) throws IOException {
        List<String> entries = source.entries(regex);
        if (entries.isEmpty()) {
            throw new IOException("no " + expected + " found in " + source.location()
                    + " (is this the original published archive, or a folder unpacked from it?)");
        }
        return entries;
    }
}
