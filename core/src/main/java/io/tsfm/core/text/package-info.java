/**
 * The frozen text side: the MiniLM sentence encoder, its token states and pooled embeddings, and the disk cache
 * of its outputs.
 */
package io.tsfm.core.text;
