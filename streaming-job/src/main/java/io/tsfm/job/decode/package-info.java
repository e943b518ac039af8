/**
 * Kafka records to validated frames and label-set updates, or to rejections bound for the dead-letter topic; data
 * never throws here.
 */
package io.tsfm.job.decode;
