/**
 * The two marks that set core's public API ({@link io.tsfm.core.annotation.PublicApi}) apart from what is public
 * only for the project's own modules ({@link io.tsfm.core.annotation.Internal}); every public type of core carries one.
 */
package io.tsfm.core.annotation;
