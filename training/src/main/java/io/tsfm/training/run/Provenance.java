package io.tsfm.training.run;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Where a model came from: the git commit of the code that trained it, when it can be known. */
final class Provenance {
    private Provenance() {}

    /** {@code tsfm.git.commit} if set (the launcher sets it), else {@code git rev-parse HEAD}, else "unknown". */
    static String gitCommit() {
        String p = System.getProperty("tsfm.git.commit");
        if (p != null && !p.isBlank()) return p;
        try {
            Process proc = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of(".").toFile())
                    .redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes()).trim();
            if (proc.waitFor(5, TimeUnit.SECONDS) && proc.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                String dirty = new String(new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .start().getInputStream().readAllBytes()).isBlank() ? "" : "-dirty";
                return out + dirty;
            }
        } catch (Exception e) {
            // no git here: provenance says so below
        }
        return "unknown";
    }
}
