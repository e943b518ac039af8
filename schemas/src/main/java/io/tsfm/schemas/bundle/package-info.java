/**
 * The model bundle's manifest ({@code manifest.json}): the record and its validated JSON form.
 */
package io.tsfm.schemas.bundle;
