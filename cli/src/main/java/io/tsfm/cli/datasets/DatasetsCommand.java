package io.tsfm.cli.datasets;

import picocli.CommandLine.Command;

/** {@code tsfm datasets ...}: what data is present and what it holds. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, inspect and locate datasets.",
        subcommands = {ListDatasets.class, InspectDataset.class, DownloadHint.class})
public final class DatasetsCommand {
}
