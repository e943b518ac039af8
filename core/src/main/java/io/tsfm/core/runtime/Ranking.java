package io.tsfm.core.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Label scores from embeddings and their ranking (spec §3.11 post-processing): cosine of unit vectors, per-patch
 * votes, top-k with ties going to the candidate listed first, and the group aggregation of open-set scoring.
 * Stateless and thread-safe.
 */
final class Ranking {

    private Ranking() {}

    /**
     * One score per label: the session embedding's cosine with each label ({@link Scoring#MEAN_EMBEDDING}), or each
     * label's share of the patches whose best label it is ({@link Scoring#PATCH_VOTE}; ties within a patch go to the
     * label listed first).
     */
    static float[] scores(WindowEmbedding w, float[][] labels, Scoring scoring) {
        float[] s = new float[labels.length];
        if (scoring == Scoring.MEAN_EMBEDDING) {
            for (int j = 0; j < labels.length; j++) s[j] = dot(w.embedding(), labels[j]);
            return s;
        }
        float[][] patches = w.patchEmbeddings();
        for (float[] p : patches) {
            int best = 0;
            float bestScore = dot(p, labels[0]);
            for (int j = 1; j < labels.length; j++) {
                float v = dot(p, labels[j]);
                if (v > bestScore) {
                    best = j;
                    bestScore = v;
                }
            }
            s[best] += 1f / patches.length;
        }
        return s;
    }

    /** Indices of the {@code k} best scores, best first; equal scores keep index order. */
    static int[] topK(float[] scores, int k) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // stable sort: ties keep the candidate order, so the first-listed label wins as the spec asks
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        int n = Math.min(k, scores.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = order[i];
        return out;
    }

    /** Group-level scores of the open set: the group of each label, its aggregated score and best member. */
    record GroupScore(String group, int bestLabel, float score) {}

    /**
     * Aggregates label scores per group, groups ordered by first appearance: a group's score is its best member's
     * cosine ({@link Scoring#MEAN_EMBEDDING}) or the sum of its members' vote shares ({@link Scoring#PATCH_VOTE});
     * its label is the best-scoring member (first listed on ties).
     */
    static List<GroupScore> byGroup(float[] scores, List<String> groupOfLabel, Scoring scoring) {
        Map<String, float[]> agg = new LinkedHashMap<>();
        Map<String, Integer> best = new LinkedHashMap<>();
        for (int j = 0; j < scores.length; j++) {
            String g = groupOfLabel.get(j);
            float[] a = agg.get(g);
            if (a == null) {
                agg.put(g, new float[] {scores[j]});
                best.put(g, j);
                continue;
            }
            a[0] = scoring == Scoring.PATCH_VOTE ? a[0] + scores[j] : Math.max(a[0], scores[j]);
            if (scores[j] > scores[best.get(g)]) best.put(g, j);
        }
        List<GroupScore> out = new ArrayList<>(agg.size());
        agg.forEach((g, a) -> out.add(new GroupScore(g, best.get(g), a[0])));
        return out;
    }

    static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return (float) s;
    }
}
