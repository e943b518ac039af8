package io.tsfm.training.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Group-balanced, channel-bucketed batch sampling (spec §4.4). Each item's weight is
 * {@code 1/count(group)}, capped at {@code maxOversampling × min(weight)} (optionally per dataset, each dataset then
 * getting an equal share: {@link SamplingBalance#DATASETS}); a batch first picks a
 * channel-count bucket with probability proportional to its total weight, then draws its items with
 * replacement proportionally to weight inside the bucket, so a batch never mixes channel counts.
 * Not thread-safe (holds no state but the caller's {@link Random}); immutable after construction.
 */
public final class GroupBalancedSampler {
    private final int[] bucketKeys;
    private final int[][] bucketItems;
    private final double[][] bucketCdf;
    private final double[] bucketTotalsCdf;
    private final double[] weights;

    /**
     * @param groups          synonym group of every item
     * @param channelCounts   channel count of every item (the bucket key)
     * @param maxOversampling cap on the ratio between the largest and smallest weight (reference: 20)
     */
    public GroupBalancedSampler(List<String> groups, int[] channelCounts, double maxOversampling) {
        this(groups, null, channelCounts, maxOversampling);
    }

    /**
     * A sampler that gives every dataset an equal share of the samples and balances synonym groups inside each
     * ({@link SamplingBalance#DATASETS}); with {@code datasets} null, one share for all items (spec §4.4).
     *
     * @param groups          synonym group of every item
     * @param datasets        dataset of every item, or null
     * @param channelCounts   channel count of every item (the bucket key)
     * @param maxOversampling cap, inside each dataset, on the ratio between its largest and smallest weight
     */
    public GroupBalancedSampler(List<String> groups, List<String> datasets, int[] channelCounts,
                                double maxOversampling) {
        if (groups.size() != channelCounts.length) throw new IllegalArgumentException("groups and channel counts differ in length");
        if (datasets != null && datasets.size() != groups.size()) {
            throw new IllegalArgumentException("groups and datasets differ in length");
        }
        if (groups.isEmpty()) throw new IllegalArgumentException("no items to sample from");
        int n = groups.size();
        Map<String, List<Integer>> shares = new TreeMap<>();
        for (int i = 0; i < n; i++) shares.computeIfAbsent(datasets == null ? "" : datasets.get(i), k -> new ArrayList<>()).add(i);
        weights = new double[n];
        for (List<Integer> share : shares.values()) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i : share) counts.merge(groups.get(i), 1, Integer::sum);
            double min = Double.MAX_VALUE;
            for (int i : share) {
                weights[i] = 1.0 / counts.get(groups.get(i));
                min = Math.min(min, weights[i]);
            }
            double cap = maxOversampling * min;
            double sum = 0;
            for (int i : share) {
                weights[i] = Math.min(weights[i], cap);
                sum += weights[i];
            }
            double total = (double) n / shares.size();
            for (int i : share) weights[i] *= total / sum;
        }

        Map<Integer, List<Integer>> buckets = new TreeMap<>();
        for (int i = 0; i < n; i++) buckets.computeIfAbsent(channelCounts[i], k -> new ArrayList<>()).add(i);
        bucketKeys = new int[buckets.size()];
        bucketItems = new int[buckets.size()][];
        bucketCdf = new double[buckets.size()][];
        bucketTotalsCdf = new double[buckets.size()];
        int b = 0;
        double running = 0;
        for (Map.Entry<Integer, List<Integer>> e : buckets.entrySet()) {
            bucketKeys[b] = e.getKey();
            bucketItems[b] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            bucketCdf[b] = new double[bucketItems[b].length];
            double acc = 0;
            for (int j = 0; j < bucketItems[b].length; j++) {
                acc += weights[bucketItems[b][j]];
                bucketCdf[b][j] = acc;
            }
            running += acc;
            bucketTotalsCdf[b] = running;
            b++;
        }
    }

    /** The normalised weight of item {@code i} (weights sum to the item count). */
    public double weight(int i) {
        return weights[i];
    }

    /** Draws one batch of item indices, all with the same channel count. */
    public int[] nextBatch(int batchSize, Random rng) {
        int b = pick(bucketTotalsCdf, rng.nextDouble() * bucketTotalsCdf[bucketTotalsCdf.length - 1]);
        double[] cdf = bucketCdf[b];
        int[] out = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            out[i] = bucketItems[b][pick(cdf, rng.nextDouble() * cdf[cdf.length - 1])];
        }
        return out;
    }

    /** Channel counts that have items, ascending. */
    public int[] bucketKeys() {
        return bucketKeys.clone();
    }

    private static int pick(double[] cdf, double u) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
