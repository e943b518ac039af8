package io.tsfm.cli.edge;

import io.tsfm.cli.DataRootOption;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.lab.fleet.FleetReport;
import io.tsfm.lab.fleet.FleetSimulator;
import io.tsfm.lab.fleet.Imperfections;
import io.tsfm.lab.fleet.KafkaFleetSink;
import io.tsfm.edge.source.Pacer;
import io.tsfm.schemas.Topics;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tsfm fleet}: many simulated devices replaying a dataset's sessions into Kafka, with realistic imperfections. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Simulate a fleet of imperfect devices sending real sessions into Kafka.",
            "Simulate a fleet of devices replaying real sessions of a dataset as ImuFrames into Kafka, with clock "
            + "offset and drift, jitter, dropped and duplicated frames and bursts after reconnections: the load "
            + "generator of the streaming job. Stops after --seconds of event time per device, --max-frames, or "
            + "Ctrl-C."})
public final class FleetCommand implements Callable<Integer> {
    @Option(names = "--devices", defaultValue = "10", description = "Number of devices (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--dataset", required = true, description = "Dataset whose sessions the devices replay (e.g. hapt).")
    String dataset;

    @Option(names = "--rate-hz", defaultValue = "50", description = "Sampling rate every session is resampled to (default ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--seconds", defaultValue = "60", description = "Seconds of data per device; sessions loop to fill them; 0 plays each once (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--max-frames", defaultValue = "0", description = "Stop after this many frames sent in all; 0 for no limit (default ${DEFAULT-VALUE}).")
    long maxFrames;

    @Option(names = "--frame-ms", defaultValue = "200", description = "Frame length in ms (default ${DEFAULT-VALUE}).")
    double frameMillis;

    @Option(names = "--speed", defaultValue = "1", description = "Replay speed: 1 real time, 10 ten times faster, 0 as fast as possible (default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--topic", defaultValue = Topics.IMU_FRAMES, description = "Frames topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--perfect", description = "No imperfections at all (overrides the options below).")
    boolean perfect;

    @Option(names = "--clock-offset-s", defaultValue = "2", description = "Largest device clock offset, s (default ${DEFAULT-VALUE}).")
    double clockOffset;

    @Option(names = "--drift-ppm", defaultValue = "50", description = "Largest device clock drift, ppm (default ${DEFAULT-VALUE}).")
    double drift;

    @Option(names = "--jitter-ms", defaultValue = "2", description = "Standard deviation of timestamp jitter, ms (default ${DEFAULT-VALUE}).")
    double jitter;

    @Option(names = "--drop", defaultValue = "0.01", description = "Probability a frame is lost (default ${DEFAULT-VALUE}).")
    double drop;

    @Option(names = "--duplicate", defaultValue = "0.005", description = "Probability a frame is sent twice (default ${DEFAULT-VALUE}).")
    double duplicate;

    @Option(names = "--disconnects-per-hour", defaultValue = "30", description = "Mean disconnections per device-hour (default ${DEFAULT-VALUE}).")
    double disconnectsPerHour;

    @Option(names = "--disconnect-s", defaultValue = "5", description = "Mean disconnection length, s; frames are held and sent in a burst (default ${DEFAULT-VALUE}).")
    double disconnectSeconds;

    @Mixin KafkaOptions kafka;

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
    @Mixin DataRootOption rootOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // the command line's own words, before the simulator's builder would name its methods
        if (devices < 1) throw usage("--devices must be >= 1, got " + devices);
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) throw usage("--rate-hz must be > 0, got " + rateHz);
        if (!(seconds >= 0) || Double.isInfinite(seconds)) throw usage("--seconds must be >= 0, got " + seconds);
        if (maxFrames < 0) throw usage("--max-frames must be >= 0, got " + maxFrames);
        if (!(frameMillis > 0) || Double.isInfinite(frameMillis)) {
            throw usage("--frame-ms must be > 0, got " + frameMillis);
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) throw usage("--speed must be >= 0 (0 = as fast as possible), "
                + "got " + speed);
        Imperfections imp = perfect ? Imperfections.none()
                : new Imperfections(clockOffset, drift, jitter, drop, duplicate, disconnectsPerHour, disconnectSeconds);
        var settings = kafka.settings();
        DataRoot root = rootOption.resolve();
        Dataset data = DatasetCatalog.load(root).read(dataset, root);
        System.err.printf("fleet: %d devices replaying %d sessions of %s into %s at %s%n", devices, data.sessions().size(),
                dataset, settings.bootstrapServers(), speed == 0 ? "full speed" : speed + "x real time");
        try (KafkaFleetSink sink = new KafkaFleetSink(settings, topic)) {
            FleetSimulator fleet = FleetSimulator.builder().setSessions(data.sessions()).setSink(sink).optDevices(devices)
                    .optRateHz(rateHz).optFrameSeconds(frameMillis / 1000).optSeconds(seconds).optMaxFrames(maxFrames)
                    .optPacer(Pacer.of(speed)).optImperfections(imp).optSeed(seed).build();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                fleet.stop();
                try {
                    done.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            FleetReport report;
            try {
                report = fleet.run();
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and waits for us
                }
            }
            System.out.println(report.summary());
            return report.sendFailures() == 0 ? 0 : 1;
        }
    }
}
