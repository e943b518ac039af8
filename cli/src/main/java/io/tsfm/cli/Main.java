package io.tsfm.cli;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of {@code ./tsfm}. A failing command prints one line saying what is wrong and where, and exits non-zero
 * (1; 2 for a bad command line); the stack trace only with {@code --verbose} (anywhere on the command line) or
 * {@code TSFM_DEBUG} set.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        Offline.enforce();
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean verbose = rest.remove("--verbose") | System.getenv("TSFM_DEBUG") != null;
        CommandLine cl = new CommandLine(new TsfmCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // users get one clear line; the stack trace only when asked for
            PrintWriter err = cmd.getErr();
            err.println("error: " + describe(ex));
            if (verbose) ex.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cl.execute(rest.toArray(String[]::new));
    }

    /**
     * One line for a failure: what went wrong and where. File system errors whose message is only a path say what
     * happened to the path; a wrapper's message is followed by its root cause when that says something more.
     */
    static String describe(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FileSystemException f) {
                return fileProblem(f);
            }
        }
        String top = message(ex);
        if (root == ex) {
            return top;
        }
        String cause = root instanceof ConnectException ? "cannot connect (" + message(root) + ")" : message(root);
        return top.contains(cause) ? top : top + ": " + cause;
    }

    private static String fileProblem(FileSystemException f) {
        String path = f.getFile() != null ? f.getFile() : "?";
        if (f instanceof NoSuchFileException) return path + ": no such file or directory";
        if (f instanceof AccessDeniedException) return path + ": permission denied";
        if (f instanceof NotDirectoryException) return path + ": not a directory";
        String reason = f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
        return path + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t.getClass().getSimpleName();
        // keep it one line: the first line of a multi-line message
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
