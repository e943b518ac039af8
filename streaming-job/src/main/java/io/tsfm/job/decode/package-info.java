/**
 * Kafka records to validated frames and label-set updates, or to rejections bound for the dead-letter topic; data
 * never throws here. Also what the job will not process ({@code Rejection}, {@code RejectedWindow}) and the side-output
 * tags every operator files it under ({@code SideOutputs}), so the windower and the router reach down for them.
 */
package io.tsfm.job.decode;
