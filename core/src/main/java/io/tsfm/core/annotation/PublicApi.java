package io.tsfm.core.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A type a user's code may call: in core the bundle and classifier runtime, the text encoder, the session model and
 * patching; in the streaming job its entry point, options, pipeline and classifier factories; in the edge client the
 * client, its frames, sources, spool and publisher.
 * Its public members change only with a note in the change log; everything not marked so is {@link Internal}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
@Internal
public @interface PublicApi {
}
