/**
 * Label-set updates on the edge: the sets a client holds ({@link io.tsfm.edge.labels.LabelSets}, picked per device by
 * the streaming job's rule), the control-topic follower that updates them, and the on-disk store that keeps them
 * across restarts.
 */
package io.tsfm.edge.labels;
