package io.tsfm.datasets.generic;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.generic.GenericManifest.ChannelSpec;
import io.tsfm.datasets.generic.GenericManifest.FileSpec;
import io.tsfm.datasets.reading.BadRun;
import io.tsfm.datasets.reading.DatasetBuilder;
import io.tsfm.datasets.reading.DelimitedText;
import io.tsfm.datasets.reading.ProblemLog;
import io.tsfm.datasets.reading.SampleBuffer;
import io.tsfm.datasets.resample.LinearResampler;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads a dataset in the generic labelled-CSV format ({@code docs/data-generic-csv.md}): a folder of CSV
 * files described by a {@link GenericManifest}. Each contiguous run of rows with one label and one subject
 * becomes a session; values are converted to canonical units; with a timestamp column the rows are
 * resampled to the manifest's rate by {@link LinearResampler}.
 *
 * <p>Bad input is reported, never silently dropped: a missing column skips its file, a bad row (truncated,
 * non-numeric cell, label outside the vocabulary) is skipped and ends the session it was in; a timestamp that
 * repeats or steps back by at most {@value #STEP_BACK_PERIODS} sample periods drops only its row (counted
 * warning per file), one further back ends the session, and only a gap over {@code max_gap_s} splits forwards; NaN/Inf values are repaired by {@link io.tsfm.datasets.reading.MissingValues} and counted. Stateless
 * and thread-safe: all state lives in one {@link #read} call.
 */
public final class GenericCsvReader implements DatasetReader {
    /**
     * A row whose timestamp repeats the previous kept row's, or is at most this many periods of {@code rate_hz}
     * before it, is dropped with a counted per-file warning (never a session split); further back is an error
     * that ends the session.
     */
    public static final int STEP_BACK_PERIODS = 2;

    private final GenericManifest manifest;
    private final DatasetInfo info;

    /** A reader for the dataset the manifest describes. */
    public GenericCsvReader(GenericManifest manifest) {
        this.manifest = manifest;
        this.info = new DatasetInfo(manifest.name(), manifest.displayName(), manifest.role(), manifest.description(),
                "user dataset in the generic labelled-CSV format: put the folder holding " + GenericManifest.FILE_NAME
                        + " and its CSV files at <data root>/" + manifest.name() + "/ (or zip it as "
                        + manifest.name() + ".zip); see docs/data-generic-csv.md",
                manifest.licence(), manifest.citation());
    }

    public GenericManifest manifest() {
        return manifest;
    }

    @Override
    public DatasetInfo info() {
        return info;
    }

    @Override
    public Dataset read(DatasetSource source) throws IOException {
        String prefix = manifestFolder(source);
        DatasetBuilder out = new DatasetBuilder(manifest.name(), manifest.description(), manifest.role(),
                manifest.licence(), manifest.citation());
        for (ChannelSpec c : manifest.channels()) out.sourceUnit(c.channel().kind(), c.sourceUnit());
        out.resampling(manifest.resampling());
        manifest.labels().ifPresent(out::labels);
        out.synonymGroups(manifest.synonymGroups());
        List<String> files = selectFiles(source, prefix, out.problems());
        if (files.isEmpty()) {
            throw new IOException(source.location() + ": no data files for dataset '" + manifest.name() + "' (looked for "
                    + (manifest.files().isPresent() ? "the files listed in 'files'"
                    : manifest.filePattern().map(p -> "files matching '" + p.pattern() + "'").orElse("*.csv files"))
                    + (prefix.isEmpty() ? "" : " under " + prefix) + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String entry : files) {
            String rel = entry.substring(prefix.length());
            try (InputStream in = source.open(entry)) {
                new FileReader(entry, rel, out, seen).read(in);
            } catch (DataFormatException e) {
                out.problems().error(e);
            }
        }
        // a declared label no row carries is most likely a typo of one that did occur: say so, but read on
        for (Map.Entry<String, List<String>> g : manifest.synonymGroups().entrySet()) {
            for (String l : g.getValue()) {
                if (!seen.contains(l)) {
                    out.problems().warning(prefix + GenericManifest.FILE_NAME, 0, 0, "field 'synonym_groups[\""
                            + g.getKey() + "\"]': label '" + l + "' never occurs in the data read", 1);
                }
            }
        }
        return out.build();
    }

    /** The folder (with trailing '/') holding the manifest inside the source, or "" at its root. */
    static String manifestFolder(DatasetSource source) {
        String best = null;
        for (String e : source.entries()) {
            if (DatasetSource.fileName(e).equals(GenericManifest.FILE_NAME)
                    && (best == null || e.length() < best.length())) {
                best = e;
            }
        }
        return best == null ? "" : best.substring(0, best.length() - GenericManifest.FILE_NAME.length());
    }

    private List<String> selectFiles(DatasetSource source, String prefix, ProblemLog log) {
        List<String> out = new ArrayList<>();
        Optional<Map<String, FileSpec>> listed = manifest.files();
        if (listed.isPresent()) {
            for (String rel : listed.get().keySet()) {
                String entry = prefix + rel;
                if (source.entries().contains(entry)) out.add(entry);
                else log.error(entry, 0, 0, "listed in manifest field 'files' but not found");
            }
            return out;
        }
        for (String e : source.entries()) {
            if (!e.startsWith(prefix) || e.equals(prefix + GenericManifest.FILE_NAME)) continue;
            String rel = e.substring(prefix.length());
            boolean csv = rel.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
            if (manifest.filePattern().isPresent()) {
                if (manifest.filePattern().get().matcher(rel).matches()) out.add(e);
                else if (csv) log.error(e, 0, 0, "does not match manifest field 'file_pattern' ('"
                        + manifest.filePattern().get().pattern() + "'); file skipped");
            } else if (csv) {
                out.add(e);
            }
        }
        return out;
    }

    /** Reads one CSV file into sessions; holds the state of the run being collected. */
    private final class FileReader {
        private final String file;
        private final String rel;
        private final DatasetBuilder out;
        private final ProblemLog log;
        private final Set<String> seen;
        private final List<ChannelSpec> specs = manifest.channels();
        private final boolean timed = manifest.timestampColumn().isPresent();
        private int[] channelCol;
        private int timeCol = -1;
        private int labelCol = -1;
        private int subjectCol = -1;
        private String fileLabel;
        private String fileSubject;
        private int sessionNo;

        // the run being collected
        private String runLabel;
        private String runSubject;
        private SampleBuffer run;

        // a run of rows with an unknown label, reported once when it ends
        private final BadRun badLabels;
        private long unlabelledRows;
        private long unlabelledLine;

        FileReader(String file, String rel, DatasetBuilder out, Set<String> seen) {
            this.file = file;
            this.seen = seen;
            this.rel = rel;
            this.out = out;
            this.log = out.problems();
            this.badLabels = new BadRun(log);
        }

        void read(InputStream in) throws IOException {
            if (!fileFacts()) return;
            DelimitedText.Format fmt = DelimitedText.Format.csvWithHeader().delimiter(manifest.delimiter());
            try (DelimitedText t = DelimitedText.open(in, file, fmt)) {
                if (!mapColumns(t)) return;
                run = new SampleBuffer(specs.size());
                t.readRuns(log, "session ends here", this::row, this::flush);
            }
            badLabels.end();
            if (unlabelledRows > 0) {
                log.warning(file, unlabelledLine, labelCol + 1, "rows with an empty label cell skipped", unlabelledRows);
            }
        }

        /** Per-file label and subject from 'files' or 'file_pattern'; false when the file must be skipped. */
        private boolean fileFacts() {
            String rawLabel = null;
            if (manifest.files().isPresent()) {
                FileSpec f = manifest.files().get().get(rel);
                rawLabel = f.label();
                fileSubject = f.subject();
            } else if (manifest.filePattern().isPresent()) {
                Matcher m = manifest.filePattern().get().matcher(rel);
                if (m.matches()) {
                    rawLabel = group(m, "label");
                    fileSubject = group(m, "subject");
                }
            }
            if (rawLabel == null && !manifest.labelColumn().isPresent()) {
                log.error(file, 0, 0, "no label: the file name gives none through 'file_pattern' (?<label>...); file skipped");
                return false;
            }
            if (rawLabel != null) {
                String l = resolveLabel(rawLabel);
                if (l == null) {
                    log.error(file, 0, 0, "file label '" + rawLabel + "' is not in " + vocabularyName() + "; file skipped");
                    return false;
                }
                fileLabel = l;
            }
            if (fileSubject == null && !manifest.subjectColumn().isPresent()) {
                String name = DatasetSource.fileName(rel);
                int dot = name.lastIndexOf('.');
                fileSubject = dot > 0 ? name.substring(0, dot) : name;
            }
            return true;
        }

        private String group(Matcher m, String name) {
            try {
                return m.group(name);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private boolean mapColumns(DelimitedText t) {
            List<String> header = t.header();
            channelCol = new int[specs.size()];
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < specs.size(); c++) {
                channelCol[c] = header.indexOf(specs.get(c).column());
                if (channelCol[c] < 0) missing.add("'" + specs.get(c).column() + "' (channels[" + c + "].column)");
            }
            if (timed) {
                timeCol = header.indexOf(manifest.timestampColumn().get());
                if (timeCol < 0) missing.add("'" + manifest.timestampColumn().get() + "' (timestamp_column)");
            }
            if (manifest.labelColumn().isPresent()) {
                labelCol = header.indexOf(manifest.labelColumn().get());
                if (labelCol < 0) missing.add("'" + manifest.labelColumn().get() + "' (label_column)");
            }
            if (manifest.subjectColumn().isPresent()) {
                subjectCol = header.indexOf(manifest.subjectColumn().get());
                if (subjectCol < 0) missing.add("'" + manifest.subjectColumn().get() + "' (subject_column)");
            }
            if (!missing.isEmpty()) {
                log.error(file, t.headerLine(), 0, "missing column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " in header " + header + "; file skipped");
                return false;
            }
            return true;
        }

        private void row(DelimitedText.Row r) {
            String label = fileLabel;
            if (labelCol >= 0) {
                String raw = r.text(labelCol);
                if (manifest.ignoreLabels().contains(raw)) {
                    badLabels.end();
                    flush();
                    return;
                }
                if (raw.isEmpty()) {
                    badLabels.end();
                    flush();
                    if (unlabelledRows++ == 0) unlabelledLine = r.line();
                    return;
                }
                label = resolveLabel(raw);
                if (label == null) {
                    flush();
                    badLabels.add(file, r.line(), labelCol + 1, raw, "label '" + raw + "' is not in " + vocabularyName());
                    return;
                }
                badLabels.end();
            }
            String subject = fileSubject;
            if (subjectCol >= 0) {
                subject = r.text(subjectCol);
                if (subject.isEmpty()) throw r.error(subjectCol, "empty subject cell");
            }
            double t = 0;
            if (timed) {
                t = r.number(timeCol) * manifest.timestampToSeconds();
                if (!Double.isFinite(t)) throw r.error(timeCol, "timestamp is not finite");
            }
            float[] v = new float[specs.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = (float) r.numberOrNaN(channelCol[c]);
            }
            if (!run.isEmpty() && (!label.equals(runLabel) || !subject.equals(runSubject))) flush();
            if (timed && !run.isEmpty()) {
                double prev = run.lastTime();
                if (t <= prev && prev - t <= STEP_BACK_PERIODS / manifest.rateHz()) {
                    // a logger's jitter or a duplicated row, not a new recording: drop the row, keep the session
                    log.warning(file, r.line(), timeCol + 1, "rows whose timestamp repeats or steps back by at most "
                            + STEP_BACK_PERIODS + " sample periods dropped", 1);
                    return;
                }
                if (t < prev) {
                    log.error(file, r.line(), timeCol + 1, "timestamp goes backwards (" + t + " s after " + prev
                            + " s); session ends here and a new one starts at this row");
                    flush();
                } else if (t - prev > manifest.maxGapSeconds()) {
                    flush();
                }
            }
            if (run.isEmpty()) {
                runLabel = label;
                runSubject = subject;
            }
            run.append(t, v, r.line());
        }

        private void flush() {
            SampleBuffer.Run taken = run == null ? null : run.take(log, file, "sessions");
            if (taken == null) return;
            int len = taken.length();
            long firstLine = taken.firstLine();
            long lastLine = taken.lastLine();
            float[][] raw = taken.samples();
            double[] ts = taken.times();
            out.fillMissing(raw, file, firstLine);
            for (int c = 0; c < raw.length; c++) {
                double k = specs.get(c).scale();
                if (k != 1.0) for (int i = 0; i < len; i++) raw[c][i] = (float) (raw[c][i] * k);
            }
            float[][] samples = raw;
            if (timed) {
                samples = LinearResampler.resample(ts, raw, manifest.rateHz());
                if (samples[0].length < 2) {
                    log.warning(file, firstLine, 0, "sessions shorter than 2 samples after resampling skipped", 1);
                    return;
                }
            }
            List<Channel> channels = new ArrayList<>(specs.size());
            for (ChannelSpec s : specs) channels.add(s.channel());
            String stem = rel.replaceAll("(?i)\\.csv$", "");
            String id = String.format(java.util.Locale.ROOT, "%s_%03d", stem, sessionNo++);
            seen.add(runLabel);
            out.add(new Session(id, manifest.name(), runSubject, runLabel, manifest.rateHz(), channels, samples,
                    file + ":" + firstLine + "-" + lastLine));
        }
    }

    /** The label a raw value stands for, or null when it is outside the vocabulary. */
    private String resolveLabel(String raw) {
        String mapped = manifest.labelMap().getOrDefault(raw.trim(), raw);
        String l = LabelVocabulary.normalize(mapped);
        if (l.isEmpty()) return null;
        return manifest.allowsLabel(l) ? l : null;
    }

    private String vocabularyName() {
        return manifest.labelSourceName();
    }
}
