/**
 * The edge client: on-device recognition that never loses data. {@link io.tsfm.edge.EdgeClient} ties a frame
 * source ({@code source}), on-device windowing ({@code window}) and classification ({@code classify}) to durable
 * publishing ({@code kafka} over {@code spool}, with {@code retry}); {@code fleet} simulates many imperfect devices as
 * the load generator of the streaming job.
 */
package io.tsfm.edge;
