/**
 * {@code tsfm pick}: the validation rule that chooses which checkpoint to export.
 */
package io.tsfm.cli.pick;
