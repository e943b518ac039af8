package io.tsfm.cli.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.cli.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code tsfm datasets download}: the "put the archive at" line only for datasets that live under the data root. */
class DownloadHintTest {

    @Test
    void aDatasetUnderTheDataRootSaysWhereToPutIt() {
        CliRun r = CliRun.run("datasets", "download", "hapt");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Put the archive at").contains("hapt.zip").contains("Currently: present at");
    }

    @Test
    void theSimulatorDoesNotAskForAnArchiveOfItsOwn() {
        CliRun r = CliRun.run("datasets", "download", "mocap_sim");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("Put the archive at").doesNotContain("mocap_sim.zip")
                .contains("Currently: present at");
    }
}
