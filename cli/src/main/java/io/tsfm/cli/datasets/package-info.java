/**
 * {@code tsfm datasets}: list and inspect the datasets under the data root.
 */
package io.tsfm.cli.datasets;
