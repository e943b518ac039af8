package io.tsfm.cli.perf;

import io.tsfm.cli.DataRootOption;
import io.tsfm.lab.perf.JobCapacity;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tsfm perf job}: the options of {@link JobCapacity}, which does the work. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = {"Streaming job capacity: the largest fleet (50 Hz, 6 channels, 2 s hop) served with p99 latency "
                + "from window end to a read_committed consumer of at most 2 s, and job windows/s against the raw "
                + "classifier's windows/s; the median of 3 trials.",
            "Runs an embedded broker, the job on a MiniCluster and the fleet simulator in this JVM."})
public final class PerfJob implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "BUNDLE", description = "Bundle to serve (default: models/tsfm-mini).")
    Path model;

    @Option(names = "--devices", split = ",", description = "Fleet sizes to try, in order; stops after the first "
            + "that is not sustained (default: 100,200,400,600,800,1000,1200,1600,2400,3200).")
    List<Integer> ladder = List.of(100, 200, 400, 600, 800, 1000, 1200, 1600, 2400, 3200);

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per step (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Seconds before measuring in each step (default ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--rate-hz", defaultValue = "50", description = "Device sampling rate (default ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--frame-ms", defaultValue = "200", description = "Device frame length (default ${DEFAULT-VALUE}).")
    double frameMillis;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--inference-threads", defaultValue = "1", description = "ONNX Runtime threads per inference task (default ${DEFAULT-VALUE}).")
    int inferenceThreads;

    @Option(names = "--out-of-orderness-ms", defaultValue = "500", description = "Job watermark bound (default ${DEFAULT-VALUE}, the job's).")
    long outOfOrdernessMillis;

    @Option(names = "--checkpoint-interval-ms", defaultValue = "1000", description = "Job checkpoint interval (default ${DEFAULT-VALUE}, the job's).")
    long checkpointMillis;

    @Option(names = "--max-wait-ms", defaultValue = "20", description = "Job micro-batch wait (default ${DEFAULT-VALUE}, the job's).")
    long maxWaitMillis;

    @Option(names = "--saturation-devices", defaultValue = "200", description = "Devices of the unpaced backlog run (default ${DEFAULT-VALUE}).")
    int saturationDevices;

    @Option(names = "--saturation-seconds", defaultValue = "60", description = "Seconds of data per device in the backlog run (default ${DEFAULT-VALUE}).")
    double saturationSeconds;

    @Option(names = "--raw-seconds", defaultValue = "10", description = "Seconds measuring the raw classifier (default ${DEFAULT-VALUE}).")
    double rawSeconds;

    @Option(names = "--repeats", defaultValue = "3", description = "Trials, each on a fresh broker and job; medians are reported (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--p99-visible-ms", defaultValue = "2000", description = "Highest p99 latency from window end to a read_committed consumer for a sustained fleet (default ${DEFAULT-VALUE}).")
    long visibleP99Millis;

    @Option(names = "--profile", description = "Also report where the CPU goes in the first trial: thread CPU time by role, and JFR samples of the job's task threads by stage.")
    boolean profile;

    @Mixin DataRootOption rootOption;

    @Override
    public Integer call() throws Exception {
        return JobCapacity.builder().optModel(model).optLadder(ladder).optSeconds(seconds).optWarmup(warmup)
                .optRateHz(rateHz).optFrameMillis(frameMillis).optParallelism(parallelism)
                .optInferenceThreads(inferenceThreads).optOutOfOrdernessMillis(outOfOrdernessMillis)
                .optCheckpointMillis(checkpointMillis).optMaxWaitMillis(maxWaitMillis)
                .optSaturationDevices(saturationDevices).optSaturationSeconds(saturationSeconds)
                .optRawSeconds(rawSeconds).optRepeats(repeats).optVisibleP99Millis(visibleP99Millis).optProfile(profile)
                .setDataRoot(rootOption.resolve()).build().run();
    }
}
