/**
 * {@code tsfm job} and {@code tsfm predictions}: run the streaming job, and print the predictions it commits.
 */
package io.tsfm.cli.job;
