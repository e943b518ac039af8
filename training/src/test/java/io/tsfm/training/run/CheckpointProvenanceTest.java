package io.tsfm.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.runtime.LabelEncoderKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointProvenanceTest {
    static final Path SHIPPED = Path.of("..", "models", "tsfm-micro.checkpoint").toAbsolutePath().normalize();

    @Test
    void readsTheShippedCheckpointAndWritesItBackAsItWas(@TempDir Path dir) throws IOException {
        CheckpointProvenance p = CheckpointProvenance.read(SHIPPED);
        assertThat(p.tier()).isEqualTo("micro");
        assertThat(p.datasets()).containsEntry("hapt", 1214).hasSize(5);
        assertThat(p.heldOutSubjects().get("utd_mhad")).containsExactly("s3", "s8");
        assertThat(p.labelEncoder()).isEqualTo(LabelEncoderKind.FROZEN);
        assertThat(p.textMaxTokens()).isEqualTo(128);
        assertThat(p.seed()).isEqualTo(42L);
        assertThat(p.epochsDone()).isEqualTo(58);
        assertThat(p.validation()).containsKey("zero_shot_closed_set_accuracy");
        assertThat(p.trainConfig()).containsEntry("labelEncoder", "frozen").containsEntry("device", "cpu");

        p.write(dir);
        assertThat(Files.readString(dir.resolve(Checkpoint.PROVENANCE)))
                .isEqualTo(Files.readString(SHIPPED.resolve(Checkpoint.PROVENANCE)));
    }

    @Test
    void aMissingFieldIsNullAndAWrongLabelEncoderNamesTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(Checkpoint.PROVENANCE), "{\"tier\":\"micro\",\"extra\":1}");
        CheckpointProvenance p = CheckpointProvenance.read(dir);
        assertThat(p.tier()).isEqualTo("micro");
        assertThat(p.labelEncoder()).isNull();

        Files.writeString(dir.resolve(Checkpoint.PROVENANCE), "{\"label_encoder\":\"bank\"}");
        assertThatThrownBy(() -> CheckpointProvenance.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(Checkpoint.PROVENANCE).hasMessageContaining("frozen or learnable");
        assertThat(CheckpointProvenance.readIfPresent(dir.resolve("none"))).isEmpty();
    }
}
