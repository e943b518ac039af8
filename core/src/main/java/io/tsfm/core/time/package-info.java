/** Time as the pipeline counts it: the wall clock in microseconds since the epoch, one definition for every module. */
package io.tsfm.core.time;
