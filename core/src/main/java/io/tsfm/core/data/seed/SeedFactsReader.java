package io.tsfm.core.data.seed;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.DatasetInfo;
import io.tsfm.core.data.DatasetReader;
import io.tsfm.core.data.DatasetRole;
import io.tsfm.core.data.DatasetSource;
import io.tsfm.core.data.reading.DatasetBuilder;
import java.io.IOException;
import java.util.List;

/**
 * Base of the readers of the seed (training) datasets: each reads one dataset's original published
 * layout, emits the reference's activity labels, and describes the dataset and its channels with the
 * reference's strings ({@link SeedFacts}). Subclasses are stateless and thread-safe.
 */
public abstract class SeedFactsReader implements DatasetReader {
    private final SeedFacts facts;
    private final DatasetInfo info;

    /**
     * @param name          dataset name (its facts resource and archive name)
     * @param officialPage  where the original archive is published
     * @param layout        what the archive unpacks to, e.g. {@code "UCI HAR Dataset/train/..."}
     */
    protected SeedFactsReader(String name, String officialPage, String layout, String licence, String citation) {
        this.facts = SeedFacts.load(name);
        String hint = "Download the original archive from " + officialPage + " and put it under the data root as "
                + name + ".zip, or unpack it into the folder " + name + "/ (expected inside: " + layout + ").";
        this.info = new DatasetInfo(name, facts.displayName(), DatasetRole.TRAIN, facts.description(), hint, licence,
                citation);
    }

    @Override
    public final DatasetInfo info() {
        return info;
    }

    /** The reference facts of this dataset. */
    public final SeedFacts facts() {
        return facts;
    }

    /** The channels of a complete session, in session order (a session missing a sensor has a subset). */
    public abstract List<Channel> channels();

    /** Every label this reader can emit: the reference's activities. */
    public List<String> labels() {
        return facts.activities();
    }

    /** A builder for one read, with the dataset's facts and label vocabulary. */
    protected final DatasetBuilder builder() {
        return new DatasetBuilder(info.name(), info.description(), info.role(), info.licence(), info.citation())
                .labels(facts.activities());
    }

    /** The error for a source that holds none of the dataset's files. */
    protected final IOException notFound(DatasetSource source, String expected) {
        return new IOException(source.location() + ": no " + info.displayName() + " files found (expected "
                + expected + "). " + info.downloadHint());
    }
}
