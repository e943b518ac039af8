/** PNG plots for reports and inspection (JFreeChart): sessions, curves, confusion matrices, embedding maps. */
package io.tsfm.datasets.plot;
