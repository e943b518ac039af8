/**
 * The frozen text-encoder outputs of every string training uses, computed once and handed out as arrays.
 */
package io.tsfm.training.text;
