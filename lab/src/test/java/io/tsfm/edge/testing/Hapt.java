package io.tsfm.edge.testing;

import io.tsfm.core.data.Session;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** TEST ONLY: the real HAPT recordings from the shared data root, read once per JVM. */
public final class Hapt {
    private static Dataset dataset;

    private Hapt() {
    }

    public static synchronized Dataset dataset() {
        if (dataset == null) {
            try {
                dataset = DatasetCatalog.load().read("hapt", DataRoot.resolve());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataset;
    }

    /** The first session with the label that lasts at least {@code seconds}. */
    public static Session longer(String label, double seconds) {
        return dataset().sessions().stream().filter(s -> s.label().equals(label) && s.durationSeconds() >= seconds)
                .findFirst().orElseThrow(() -> new IllegalStateException("no HAPT '" + label + "' session of " + seconds + " s"));
    }

    /** The first {@code n} sessions with the given label, in id order. */
    public static List<Session> sessions(String label, int n) {
        return dataset().sessions().stream().filter(s -> s.label().equals(label)).limit(n).toList();
    }
}
