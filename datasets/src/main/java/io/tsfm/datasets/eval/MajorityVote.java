package io.tsfm.datasets.eval;

/**
 * Majority vote over per-patch predictions (spec §6.4): the label with most votes wins, ties go to the
 * label listed first in the candidate order (the lowest index).
 */
public final class MajorityVote {
    private MajorityVote() {}

    /**
     * @param votes      candidate index voted by each patch
     * @param candidates number of candidates
     * @return the winning candidate index
     */
    public static int vote(int[] votes, int candidates) {
        if (votes.length == 0) throw new IllegalArgumentException("no votes");
        int[] counts = new int[candidates];
        for (int v : votes) {
            if (v < 0 || v >= candidates) throw new IllegalArgumentException("vote " + v + " outside 0.." + (candidates - 1));
            counts[v]++;
        }
        int best = 0;
        for (int c = 1; c < candidates; c++) if (counts[c] > counts[best]) best = c;
        return best;
    }
}
