package io.tsfm.datasets;

import io.tsfm.core.data.SensorKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a dataset is: the facts a reader knows about it and the provenance of its preprocessing.
 *
 * @param name             short name, e.g. {@code hapt}
 * @param description      2-3 sentences (sensors, subjects, placement); a model input
 * @param role             train, zero-shot test set, or user data
 * @param subjects         number of distinct subjects actually read
 * @param labels           the dataset's label vocabulary (raw labels), sorted
 * @param sourceUnits      per sensor kind, the unit the source used before normalisation (e.g. ACCELEROMETER → g)
 * @param resampling       how irregular or mismatched clocks were brought to one rate, or "none"
 * @param licence          licence / terms of use
 * @param citation         how to cite
 * @param synonymGroups    synonym groups the dataset declares for its own labels (group → labels, normalised), which
 *                         extend {@link io.tsfm.core.labels.LabelVocabulary#defaults()} when its labels are scored;
 *                         empty for the seed datasets, whose labels are all in the default vocabulary
 */
public record DatasetManifest(String name, String description, DatasetRole role, int subjects,
                              List<String> labels, Map<SensorKind, String> sourceUnits, String resampling,
                              String licence, String citation, Map<String, List<String>> synonymGroups) {
    public DatasetManifest {
        labels = List.copyOf(labels);
        sourceUnits = Map.copyOf(sourceUnits);
        resampling = resampling == null ? "none" : resampling;
        licence = licence == null ? "" : licence;
        citation = citation == null ? "" : citation;
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (synonymGroups != null) synonymGroups.forEach((g, ls) -> groups.put(g, List.copyOf(ls)));
        synonymGroups = Collections.unmodifiableMap(groups);
    }

    /** A manifest that declares no synonym groups of its own. */
    public DatasetManifest(String name, String description, DatasetRole role, int subjects, List<String> labels,
                           Map<SensorKind, String> sourceUnits, String resampling, String licence, String citation) {
        this(name, description, role, subjects, labels, sourceUnits, resampling, licence, citation, Map.of());
    }
}
