package io.tsfm.datasets.readers;

/** A stable sort of row indices by a primitive long key, without boxing millions of rows. Stateless. */
final class IndexSort {
    private IndexSort() {}

    /** Indices {@code 0..n-1} ordered by {@code key[i]}; equal keys keep their order. */
    static int[] byKey(long[] key, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) b[k++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++];
                while (i < mid) b[k++] = a[i++];
                while (j < hi) b[k++] = a[j++];
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
