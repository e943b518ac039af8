/**
 * {@code tsfm export}: turn a checkpoint into a model bundle checked against DJL, or make a bundle's int8 variant.
 */
package io.tsfm.cli.export;
