package io.tsfm.datasets.readers;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetManifest;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DelimitedText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The base of every seed-dataset reader: what each declares up front (the labels it can emit, the units its
 * files store, how it brings clocks to one rate) and the shared machinery to read a published layout.
 * Implementations are stateless and thread-safe.
 *
 * <p>Readers whose dataset description, channel descriptions and labels come from the reference's facts
 * resource extend {@link SeedFactsReader}, which fills these in from {@link SeedFacts} and assembles a read
 * with a {@link io.tsfm.datasets.reading.DatasetBuilder}. The others extend this class directly: they state
 * their facts in code and report through a {@link ReadLog} ({@link #dataset}). The two kinds stay apart
 * because their reporting policies differ (see {@link ReadLog}) and because every facts-backed reader must
 * be a training dataset whose facts are verbatim copies of the reference, which the tests check by type.
 */
public abstract class SeedReader implements DatasetReader {
    private final DatasetInfo info;
    private final List<String> labels;
    private final Map<SensorKind, String> sourceUnits;
    private final String resampling;

    /**
     * @param info        what the dataset is and where to get it
     * @param labels      every label the reader can give a session (sorted and de-duplicated here)
     * @param sourceUnits for each sensor kind the dataset records, the unit its files store
     * @param resampling  how the source clocks are brought to the session rate, or "none"
     */
    protected SeedReader(DatasetInfo info, Collection<String> labels, Map<SensorKind, String> sourceUnits,
                         String resampling) {
        this.info = info;
        this.labels = List.copyOf(new TreeSet<>(labels));
        this.sourceUnits = Map.copyOf(sourceUnits);
        this.resampling = resampling;
    }

    @Override
    public final DatasetInfo info() {
        return info;
    }

    /** Every label this reader can give a session, sorted; each is a label of the default vocabulary. */
    public final List<String> labels() {
        return labels;
    }

    /** For each sensor kind the dataset records, the unit its files store, as the manifest records it. */
    public final Map<SensorKind, String> sourceUnits() {
        return sourceUnits;
    }

    /** How the source clocks are brought to the session rate, or "none". */
    public final String resampling() {
        return resampling;
    }

    /** The dataset of a read reported through {@code log}: sessions sorted by id, subjects counted. */
    final Dataset dataset(List<Session> sessions, ReadLog log) {
        List<Session> sorted = new ArrayList<>(sessions);
        sorted.sort(Comparator.comparing(Session::id));
        Set<String> subjects = new HashSet<>();
        for (Session s : sorted) subjects.add(s.subject());
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

    /**
     * What a reader does with one CSV file of its layout, given the match of the file's name and its rows: adds the
     * file's sessions and logs its problems.
     */
    interface CsvFile {
        void read(Matcher name, DelimitedText rows, List<Session> sessions, ReadLog log) throws IOException;
    }

    /**
     * The dataset of every entry whose name matches {@code file}, read as CSV rows ({@link #csvRows}) by
     * {@code reader}; no such entry is an error saying what was {@code expected}. A structural error escaping
     * {@code reader} (a header without a needed column, say) skips that file and is logged; the other files are
     * still read.
     */
    final Dataset readCsvFiles(DatasetSource source, Pattern file, String expected, CsvFile reader) throws IOException {
        ReadLog log = new ReadLog();
        List<Session> sessions = new ArrayList<>();
        for (String entry : require(source, file.pattern(), expected)) {
            Matcher m = file.matcher(entry);
            if (!m.matches()) continue;
            try (DelimitedText rows = csvRows(source.open(entry), entry)) {
                reader.read(m, rows, sessions, log);
            } catch (DataFormatException e) {
                log.skippedFile(e);
            }
        }
        return dataset(sessions, log);
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
