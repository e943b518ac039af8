/** On-device zero-shot recognition of assembled windows through an injected {@link io.tsfm.core.runtime.WindowClassifier}. */
package io.tsfm.edge.classify;
