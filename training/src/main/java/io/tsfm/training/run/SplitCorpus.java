package io.tsfm.training.run;

import io.tsfm.core.data.Session;
import io.tsfm.datasets.Dataset;
import io.tsfm.training.data.SubjectSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's training datasets as one corpus: their sessions in dataset order, each dataset's description and session
 * count, and the subject split of the run's seed. Built in one place, so a checkpoint validated on its own
 * ({@link CheckpointValidation}) holds out exactly the sessions its run held out.
 *
 * @param sessions      every session, dataset after dataset
 * @param descriptions  each dataset's description, by name
 * @param sessionCounts each dataset's session count, in dataset order
 * @param split         the held-in / held-out subjects
 */
record SplitCorpus(List<Session> sessions, Map<String, String> descriptions, Map<String, Integer> sessionCounts,
                   SubjectSplit split) {

    static SplitCorpus of(List<Dataset> datasets, TrainConfig cfg) {
        List<Session> all = new ArrayList<>();
        Map<String, String> descriptions = new HashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Dataset d : datasets) {
            all.addAll(d.sessions());
            descriptions.put(d.name(), d.manifest().description());
            counts.put(d.name(), d.sessions().size());
        }
        return new SplitCorpus(all, descriptions, counts, SubjectSplit.of(all, cfg.validationFraction(), cfg.seed()));
    }
}
