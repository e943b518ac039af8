package io.tsfm.cli;

import io.tsfm.datasets.DataRoot;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --root} option shared by every command that reads datasets. */
public final class DataRootOption {
    @Option(names = "--root", paramLabel = "DIR",
            description = "Data root holding <name>.zip or <name>/ per dataset (default: $TSFM_DATA_ROOT, else ../shared/datasets).")
    Path root;

    public DataRoot resolve() {
        return root != null ? DataRoot.of(root) : DataRoot.resolve();
    }
}
