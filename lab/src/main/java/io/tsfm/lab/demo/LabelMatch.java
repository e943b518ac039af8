package io.tsfm.lab.demo;

import io.tsfm.core.labels.LabelVocabulary;
import java.util.List;

/**
 * Whether a predicted label is right for a window whose true activity is known, given the label set it was chosen
 * from. When the set holds the true label the match is closed-set (exact). When it does not, the set speaks another
 * vocabulary (a live {@code --labels} switch to, say, "jogging" for a true "running"), so the match is open-set by
 * synonym group ({@link LabelVocabulary}): right when the prediction is in the truth's group. When no label of the
 * set is in the truth's group, the window cannot be right and is not scored. Immutable; thread-safe.
 */
final class LabelMatch {

    /** The outcome for one window. */
    enum Verdict {
        /** Exact label, or the truth's synonym group. */
        RIGHT,
        /** Another label. */
        WRONG,
        /** The label set has no label for the true activity. */
        NOT_SCORED
    }

    private final LabelVocabulary vocabulary;

    LabelMatch(LabelVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The verdict for {@code predicted} against {@code truth}, chosen from {@code labels}. */
    Verdict judge(String truth, String predicted, List<String> labels) {
        if (labels.contains(truth)) return predicted.equals(truth) ? Verdict.RIGHT : Verdict.WRONG;
        String group = group(truth);
        if (labels.stream().noneMatch(l -> group(l).equals(group))) return Verdict.NOT_SCORED;
        return group(predicted).equals(group) ? Verdict.RIGHT : Verdict.WRONG;
    }

    /** Whether windows scored against {@code labels} are matched by group (some truth label is not in the set). */
    boolean isOpenSet(List<String> truthLabels, List<String> labels) {
        return !labels.containsAll(truthLabels);
    }

    /** The synonym group of a label text; a text outside the vocabulary is its own group. */
    String group(String label) {
        String normalized = LabelVocabulary.normalize(label);
        return vocabulary.findGroup(normalized).orElse(normalized);
    }
}
