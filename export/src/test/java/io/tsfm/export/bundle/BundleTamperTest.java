package io.tsfm.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.runtime.BundleException;
import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.text.MiniLmTextEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle that is tampered with, partial or inconsistent is refused, naming the file at fault. */
class BundleTamperTest {

    @TempDir
    Path tmp;

    private Path copy() throws Exception {
        return TestBundles.copy(TestBundles.frozen().bundle(), tmp);
    }

    @Test
    void anUntouchedCopyOpensWithTheSameId() throws Exception {
        Path b = copy();
        assertThat(ModelBundle.open(b).id()).isEqualTo(TestBundles.frozen().export().bundleId())
                .isEqualTo(ModelBundle.open(TestBundles.frozen().bundle()).id());
    }

    @Test
    void oneFlippedByteInTheModelIsRefused() throws Exception {
        Path b = copy();
        Path model = b.resolve(BundleLayout.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(model, bytes);
        assertThatThrownBy(() -> ModelBundle.open(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("model.onnx").hasMessageContaining("SHA-256").hasMessageContaining("tampered");
        // the classifier refuses it the same way, before loading anything
        assertThatThrownBy(() -> OnnxWindowClassifier.open(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("model.onnx");
    }

    @Test
    void aDeletedFileIsRefusedAsPartial() throws Exception {
        Path b = copy();
        Files.delete(b.resolve(BundleLayout.CHANNEL_TEXT_FILE));
        assertThatThrownBy(() -> ModelBundle.open(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("channel_text.onnx").hasMessageContaining("missing");
    }

    @Test
    void aTruncatedFileIsRefusedBySize() throws Exception {
        Path b = copy();
        Path npy = b.resolve(BundleLayout.LABEL_EMBEDDINGS_FILE);
        byte[] bytes = Files.readAllBytes(npy);
        Files.write(npy, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> ModelBundle.open(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("label_embeddings.npy").hasMessageContaining("bytes");
    }

    @Test
    void aMissingOrInvalidManifestIsRefused() throws Exception {
        Path b = copy();
        Path manifest = b.resolve(BundleLayout.MANIFEST);
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.replace("\"tier\" : \"micro\"", "\"tier\" : \"huge\""));
        assertThatThrownBy(() -> ModelBundle.open(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("manifest.json is invalid").hasMessageContaining("$.tier");
        Files.delete(manifest);
        assertThatThrownBy(() -> ModelBundle.open(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("manifest.json is missing");
    }

    @Test
    void aManifestWithoutTheTextProvenanceIsRefused() throws Exception {
        Path b = copy();
        Path manifest = b.resolve(BundleLayout.MANIFEST);
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        assertThat(json).contains("\"text_max_tokens\" :");
        Files.writeString(manifest, json.replace("\"text_max_tokens\" :", "\"text_max_tokens_removed\" :"));
        assertThatThrownBy(() -> ModelBundle.open(b)).isInstanceOf(BundleException.class)
                .hasMessageContaining("provenance.text_max_tokens is missing");
    }

    @Test
    void aTextEncoderOtherThanTheTrainingOneIsRefused() throws Exception {
        try (MiniLmTextEncoder other = MiniLmTextEncoder.builder().optMaxTokens(64).build()) {
            assertThatThrownBy(() -> OnnxWindowClassifier.builder().setBundle(TestBundles.frozen().bundle())
                    .optTextEncoder(other).build()).isInstanceOf(BundleException.class)
                    .hasMessageContaining("text encoder").hasMessageContaining("64 tokens");
        }
    }
}
