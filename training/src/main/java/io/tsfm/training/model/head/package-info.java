/** The semantic alignment head: learned-query pooling, channel fusion, temporal attention, projection (spec §3.7). */
package io.tsfm.training.model.head;
