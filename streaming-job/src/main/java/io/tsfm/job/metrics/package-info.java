/** Metric helpers of the job: a recent-values histogram and the dead-letter counters by reason. */
package io.tsfm.job.metrics;
