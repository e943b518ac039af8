package io.tsfm.cli;

import picocli.CommandLine;

/** Entry point of {@code ./tsfm}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        Offline.enforce();
        CommandLine cl = new CommandLine(new TsfmCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // users get one clear line; the stack trace only when asked for
            cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (System.getenv("TSFM_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl.execute(args);
    }
}
