/**
 * On-device windowing: {@link io.tsfm.edge.window.EdgeWindower} cuts the windows of the shared
 * {@link io.tsfm.core.window.WindowGrid} and assembles them with the shared {@link io.tsfm.core.window.WindowAssembler},
 * exactly as the streaming job does.
 */
package io.tsfm.edge.window;
