package io.tsfm.cli.datasets;

import io.tsfm.cli.DataRootOption;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.DatasetReader;
import io.tsfm.datasets.catalog.DatasetCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tsfm datasets download NAME}: says where to get a dataset and where to put it. It downloads
 * nothing itself (most archives need a licence click-through, and this tool never fakes data).
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Print where to obtain a dataset's original archive and where to put it.")
public final class DownloadHint implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Dataset name (see: tsfm datasets list).")
    String name;

    @Mixin DataRootOption rootOption;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        DataRoot root = rootOption.resolve();
        DatasetReader r = DatasetCatalog.load(root).get(name);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s (%s)%n%s%n%n", r.info().displayName(), r.name(), r.info().downloadHint());
        if (r.readsFromDataRoot()) {
            out.printf("Put the archive at %s or unpack it to %s%n", root.path().resolve(r.name() + ".zip"),
                    root.path().resolve(r.name()) + "/");
        }
        if (!r.info().licence().isEmpty()) out.printf("Licence: %s%n", r.info().licence());
        if (!r.info().citation().isEmpty()) out.printf("Cite: %s%n", r.info().citation());
        out.printf("Currently: %s%n", r.locate(root).map(p -> "present at " + p).orElse("absent"));
        out.flush();
        return 0;
    }
}
