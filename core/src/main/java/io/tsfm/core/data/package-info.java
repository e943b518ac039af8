/**
 * The in-memory form of a recording every reader produces ({@code Session} of {@code Channel}s), canonical units,
 * random orientations and the problems a reader reports.
 */
package io.tsfm.core.data;
