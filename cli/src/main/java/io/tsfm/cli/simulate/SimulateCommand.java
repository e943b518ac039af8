package io.tsfm.cli.simulate;

import io.tsfm.cli.DataRootOption;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.simulation.dataset.SimulationPlot;
import io.tsfm.simulation.dataset.SimulationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tsfm simulate}: the IMU simulated from motion capture ({@code mocap_sim}): hours per label and site, refusals, and a comparison plot. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate IMU data from the motion-capture archives (dataset mocap_sim, see docs/simulation.md):"
                + " print hours per label and body site and the refused clips; optionally plot simulated next to real sessions.")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin DataRootOption rootOption;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Write a PNG of simulated sessions above real ones of the same activity and placement (MotionSense, HAPT).")
    Path plot;

    @Option(names = "--seconds", defaultValue = "6", description = "Seconds per plotted session (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DataRoot root = rootOption.resolve();
        long t0 = System.nanoTime();
        Dataset d = DatasetCatalog.load(root).read("mocap_sim", root);
        PrintWriter out = spec.commandLine().getOut();
        out.print(SimulationReport.of(d));
        out.printf("read in %.1f s (simulated, or loaded from the cache)%n", (System.nanoTime() - t0) / 1e9);
        if (plot != null) {
            SimulationPlot.write(d, root, seconds, plot);
            spec.commandLine().getErr().println("wrote " + plot.toAbsolutePath());
        }
        out.flush();
        return 0;
    }
}
