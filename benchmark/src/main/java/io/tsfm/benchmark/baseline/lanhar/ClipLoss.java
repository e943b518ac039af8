package io.tsfm.benchmark.baseline.lanhar;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The symmetric contrastive loss of both LanHAR stages: cross-entropy of {@code a·bᵀ·scale} against soft targets in
 * both directions, averaged. Rows of {@code a} and {@code b} must be unit vectors. When several rows share a class
 * (a CLIP batch of 256 windows over a few dozen activities) every same-class column is a positive, with the target
 * mass spread evenly over them, rather than counting same-activity pairs as negatives. Stateless and thread-safe.
 */
public final class ClipLoss {
    private ClipLoss() {}

    /**
     * @param a      {@code (B, D)} unit rows
     * @param b      {@code (B, D)} unit rows, row i the partner of row i of {@code a}
     * @param scale  inverse temperature, a scalar array (shape {@code (1)}) or a constant
     * @param classes the class of each row (rows of one class are mutual positives)
     */
    public static NDArray loss(NDArray a, NDArray b, NDArray scale, int[] classes) {
        NDArray logits = a.matMul(b.transpose(1, 0)).mul(scale);
        NDArray c = a.getManager().create(classes);
        NDArray same = c.expandDims(1).eq(c.expandDims(0)).toType(DataType.FLOAT32, false);
        NDArray rowTargets = same.div(same.sum(new int[] {1}, true));
        NDArray rows = rowTargets.mul(logits.logSoftmax(1)).sum(new int[] {1}).mean().neg();
        NDArray cols = rowTargets.mul(logits.transpose(1, 0).logSoftmax(1)).sum(new int[] {1}).mean().neg();
        return rows.add(cols).div(2f);
    }
}
