/** Plain-array vector arithmetic that serving, export and the benchmarks share (normalised means, nearest label). */
package io.tsfm.core.math;
