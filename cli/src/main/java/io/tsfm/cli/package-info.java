/**
 * The {@code ./tsfm} command line: the root command, its entry point and the options every command shares;
 * each subpackage holds one command family, thin over the modules that do the work.
 */
package io.tsfm.cli;
