package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.SensorKind;
import io.tsfm.datasets.DatasetInfo;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import io.tsfm.datasets.reading.DatasetBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seed reader described by the reference's facts ({@link SeedFacts}): it reads one training dataset's
 * original published layout, emits the reference's activity labels, and describes the dataset and its
 * channels with the reference's strings. Why this is a subclass and not all of {@link SeedReader}: see there.
 * Subclasses are stateless and thread-safe.
 */
public abstract class SeedFactsReader extends SeedReader {
    private final SeedFacts facts;

    /**
     * @param name          dataset name (its facts resource and archive name)
     * @param officialPage  where the original archive is published
     * @param layout        what the archive unpacks to, e.g. {@code "UCI HAR Dataset/train/..."}
     * @param sourceUnits   for each sensor kind the dataset records, the unit its files store
     * @param resampling    how the source clocks are brought to the session rate, or "none"
     */
    protected SeedFactsReader(String name, String officialPage, String layout, String licence, String citation,
                              Map<SensorKind, String> sourceUnits, String resampling) {
        this(name, SeedFacts.load(name), officialPage, layout, licence, citation, sourceUnits, resampling);
    }

    private SeedFactsReader(String name, SeedFacts facts, String officialPage, String layout, String licence,
                            String citation, Map<SensorKind, String> sourceUnits, String resampling) {
        super(info(name, facts, officialPage, layout, licence, citation), facts.activities(), sourceUnits,
                resampling);
        this.facts = facts;
    }

    private static DatasetInfo info(String name, SeedFacts facts, String officialPage, String layout, String licence,
                                    String citation) {
        String hint = "Download the original archive from " + officialPage + " and put it under the data root as "
                + name + ".zip, or unpack it into the folder " + name + "/ (expected inside: " + layout + ").";
        return new DatasetInfo(name, facts.displayName(), DatasetRole.TRAIN, facts.description(), hint, licence,
                citation);
    }

    /** The reference facts of this dataset. */
    public final SeedFacts facts() {
        return facts;
    }

    /** The channels of a complete session, in session order (a session missing a sensor has a subset). */
    public abstract List<Channel> channels();

    /** A builder for one read, with the dataset's facts, label vocabulary, source units and resampling. */
    protected final DatasetBuilder builder() {
        DatasetInfo info = info();
        DatasetBuilder b = new DatasetBuilder(info.name(), info.description(), info.role(), info.licence(),
                info.citation()).labels(labels()).resampling(resampling());
        sourceUnits().forEach(b::sourceUnit);
        return b;
    }

    /**
     * The entries whose whole name matches {@code file}, as matches (for the name's groups), in the source's
     * order; none is the {@link #notFound} error saying what was {@code expected}.
     */
    protected final List<Matcher> matching(DatasetSource source, Pattern file, String expected) throws IOException {
        List<Matcher> out = new ArrayList<>();
        for (String e : source.entries()) {
            Matcher m = file.matcher(e);
            if (m.matches()) out.add(m);
        }
        if (out.isEmpty()) throw notFound(source, expected);
        return out;
    }

    /** The error for a source that holds none of the dataset's files. */
    protected final IOException notFound(DatasetSource source, String expected) {
        return new IOException(source.location() + ": no " + info().displayName() + " files found (expected "
                + expected + "). " + info().downloadHint());
    }
}
