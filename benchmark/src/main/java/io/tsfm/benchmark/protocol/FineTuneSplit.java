package io.tsfm.benchmark.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The supervised split of spec §6.5, index for index as the reference computes it: {@code rng = RandomState(seed)}
 * shuffles the window indices; the first {@code int(N·0.8)} are train, the next {@code int(N·0.1)} validation, the
 * rest test. {@link #labelled(double)} is the balanced subsample of the train part drawn with the same generator
 * continuing: {@code n_total = max(1, int(N_train·rate))}, {@code n_per_class = max(1, n_total // classes in train)},
 * per class (ascending class index) its train positions shuffled and the first {@code n_per_class} taken (all when
 * fewer), then the selection shuffled. Validation and test are never subsampled.
 *
 * <p>Like the reference, the subsample continues the split's generator, so the 1 % and 10 % subsamples are each
 * drawn right after the split (each from a freshly seeded split, as the reference calls its split function once per
 * rate). Immutable and thread-safe.
 */
public final class FineTuneSplit {
    /** The reference's split and classifier seed. */
    public static final long SEED = 3431;
    /** Fraction of windows in the train part. */
    public static final double TRAIN_RATE = 0.8;
    /** Fraction of windows in the validation part. */
    public static final double VAL_RATE = 0.1;

    private final int[] labels;
    private final long seed;
    private final int[] train;
    private final int[] val;
    private final int[] test;

    private FineTuneSplit(int[] labels, long seed) {
        this.labels = labels.clone();
        this.seed = seed;
        int[] idx = shuffledIndices(new NumpyRandomState(seed), labels.length);
        // Python's int(len * 0.8): the double product truncated, exactly as written here
        int trainN = (int) (labels.length * TRAIN_RATE);
        int valN = (int) (labels.length * VAL_RATE);
        this.train = Arrays.copyOfRange(idx, 0, trainN);
        this.val = Arrays.copyOfRange(idx, trainN, trainN + valN);
        this.test = Arrays.copyOfRange(idx, trainN + valN, idx.length);
    }

    /**
     * The split of windows whose class indices are {@code labels} (class index = position of the label in the
     * dataset's alphabetically sorted label list).
     *
     * @throws IllegalArgumentException if there are no windows or a class index is negative
     */
    public static FineTuneSplit of(int[] labels, long seed) {
        if (labels.length == 0) throw new IllegalArgumentException("no windows to split");
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) throw new IllegalArgumentException("window " + i + " has class index " + labels[i]);
        }
        return new FineTuneSplit(labels, seed);
    }

    /** The split with the reference seed {@value #SEED}. */
    public static FineTuneSplit of(int[] labels) {
        return of(labels, SEED);
    }

    /** Window indices of the train part, in the shuffled order. */
    public int[] train() {
        return train.clone();
    }

    /** Window indices of the validation part. */
    public int[] validation() {
        return val.clone();
    }

    /** Window indices of the test part. */
    public int[] test() {
        return test.clone();
    }

    /** The seed the split was drawn with. */
    public long seed() {
        return seed;
    }

    /** {@code max(1, int(N_train·rate))}: the subsample size the reference aims at. */
    public int targetSize(double rate) {
        checkRate(rate);
        return Math.max(1, (int) (train.length * rate));
    }

    /** {@code max(1, targetSize // classes present in train)}. */
    public int perClass(double rate) {
        return Math.max(1, targetSize(rate) / Math.max(1, classesInTrain().size()));
    }

    /** The distinct class indices of the train part, ascending. */
    public List<Integer> classesInTrain() {
        TreeMap<Integer, Boolean> seen = new TreeMap<>();
        for (int w : train) seen.put(labels[w], Boolean.TRUE);
        return new ArrayList<>(seen.keySet());
    }

    /**
     * The balanced labelled subsample of the train part for {@code rate} (0.01 and 0.1 in the protocol), as window
     * indices in the reference's final shuffled order.
     *
     * @throws IllegalArgumentException if the rate is not in (0, 1]
     */
    public int[] labelled(double rate) {
        checkRate(rate);
        NumpyRandomState rng = new NumpyRandomState(seed);
        shuffledIndices(rng, labels.length); // the split's draw, so the generator continues where the reference's does
        int perClass = perClass(rate);
        List<Integer> selectedPositions = new ArrayList<>();
        for (int cls : classesInTrain()) {
            // np.where(train_labels == cls): positions within the train part, ascending
            int count = 0;
            for (int w : train) if (labels[w] == cls) count++;
            int[] positions = new int[count];
            int k = 0;
            for (int p = 0; p < train.length; p++) if (labels[train[p]] == cls) positions[k++] = p;
            rng.shuffle(positions);
            for (int i = 0; i < Math.min(perClass, positions.length); i++) selectedPositions.add(positions[i]);
        }
        int[] selected = selectedPositions.stream().mapToInt(Integer::intValue).toArray();
        rng.shuffle(selected);
        int[] windows = new int[selected.length];
        for (int i = 0; i < selected.length; i++) windows[i] = train[selected[i]];
        return windows;
    }

    private static int[] shuffledIndices(NumpyRandomState rng, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        rng.shuffle(idx);
        return idx;
    }

    private static void checkRate(double rate) {
        if (!(rate > 0 && rate <= 1)) throw new IllegalArgumentException("label rate must be in (0, 1], got " + rate);
    }
}
