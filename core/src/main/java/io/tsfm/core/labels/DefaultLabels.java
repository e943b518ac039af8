package io.tsfm.core.labels;

import io.tsfm.core.annotation.PublicApi;
import java.util.List;

/**
 * The label set a deployment scores against until it is told otherwise: the common activities of the label
 * vocabulary, shared by the streaming job and the edge client (their {@code --labels} default). Constants only.
 */
@PublicApi
public final class DefaultLabels {
    /** Id of the default label set (version 0). */
    public static final String ID = "default";

    /** The default candidate label texts. */
    public static final List<String> TEXTS = List.of("walking", "walking_upstairs", "walking_downstairs",
            "running", "cycling", "sitting", "standing", "lying");

    private DefaultLabels() {
    }
}
