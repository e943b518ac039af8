package io.tsfm.datasets;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one dataset's original published layout into {@link Session}s.
 *
 * <p>Contract: a malformed file or record is reported as a {@link ReadProblem} naming file, line and
 * column, and the rest of the dataset still reads; only an unreadable archive (or one with no
 * recognisable file at all) throws. Implementations are registered for {@link java.util.ServiceLoader}
 * under {@code META-INF/services/io.tsfm.datasets.DatasetReader} and must be stateless.
 */
public interface DatasetReader {

    /** Static facts about the dataset. */
    DatasetInfo info();

    /** Reads every session; problems are collected in the returned dataset. */
    Dataset read(DatasetSource source) throws IOException;

    /**
     * The archive or folder this reader reads under {@code root}: by default {@code <root>/<name>.zip} or
     * {@code <root>/<name>/} ({@link DataRoot#locate}). A reader whose input lives elsewhere (e.g. a simulator
     * reading motion-capture archives) overrides this.
     */
    default Optional<Path> locate(DataRoot root) {
        return root.locate(name());
    }

    /**
     * Whether users put this dataset at {@code <root>/<name>.zip} or {@code <root>/<name>/} (true unless
     * {@link #locate} is overridden to look elsewhere; its download hint then says where).
     */
    default boolean readsFromDataRoot() {
        return true;
    }

    /** Convenience: {@code info().name()}. */
    default String name() {
        return info().name();
    }
}
