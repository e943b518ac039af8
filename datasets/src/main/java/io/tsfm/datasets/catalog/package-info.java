/**
 * The catalog: every dataset this build can read, by name, from the registered readers and the generic CSV
 * datasets found under the data root. Apart from the reader SPI so that the SPI does not depend on the formats.
 */
package io.tsfm.datasets.catalog;
