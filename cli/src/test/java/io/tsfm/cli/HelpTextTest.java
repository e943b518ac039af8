package io.tsfm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help renders as written: picocli reads descriptions as format strings, so a bare "1 %" breaks it. */
class HelpTextTest {
    private static void collect(CommandLine cl, List<CommandLine> out) {
        out.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, out));
    }

    @Test
    void everyCommandsHelpRendersWithoutAPicocliWarning() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new TsfmCommand()), all);
        assertThat(all.size()).isGreaterThan(10);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> helps = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine cl : all) helps.add(cl.getUsageMessage());
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("picocli warnings while rendering help")
                .doesNotContain("picocli WARN");
        assertThat(helps).allSatisfy(h -> assertThat(h).doesNotContain("%n"));
    }
}
