/** Retry timing for the edge client's connections to the broker. */
package io.tsfm.edge.retry;
