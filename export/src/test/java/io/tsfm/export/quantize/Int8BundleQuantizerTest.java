package io.tsfm.export.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.tsfm.core.runtime.BundleException;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.datasets.eval.DatasetWindows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The int8 variant of the shipped micro bundle ({@code models/tsfm-micro}, real trained weights): its graph holds
 * {@code DynamicQuantizeMatMul} nodes with int8 weights, the manifest records the quantisation and the source, the
 * runtime loads it with its hash checks, and it classifies real HAPT windows (not the parity windows) with top-1
 * agreement with the float bundle of at least {@value #MIN_AGREEMENT}. An agreement under the threshold refuses the
 * bundle.
 */
class Int8BundleQuantizerTest {
    /** int8 weights move scores by ~1e-3; near-ties may flip, a real error flips most windows. */
    private static final double MIN_AGREEMENT = 0.9;

    private static Path shipped() {
        Path p = Path.of("..", "models", "tsfm-micro").toAbsolutePath().normalize();
        assertThat(p.resolve("manifest.json")).as("the committed micro bundle").isRegularFile();
        return p;
    }

    @Test
    void theInt8BundleLoadsAndAgreesWithTheFloatOneOnRealWindows(@TempDir Path tmp) throws Exception {
        DataRoot root = DataRoot.resolve();
        Dataset hapt = DatasetCatalog.load().read("hapt", root);
        ModelBundle fp32 = ModelBundle.open(shipped());
        List<DatasetWindows.Labeled> all = DatasetWindows.of(hapt, fp32.patchSeconds());
        List<SensorWindow> parity = DatasetWindows.spread(all, 24).stream().map(DatasetWindows.Labeled::window).toList();
        List<SensorWindow> test = DatasetWindows.spread(all, 97).stream().map(DatasetWindows.Labeled::window)
                .filter(w -> !parity.contains(w)).toList();
        LabelSet labels = new LabelSet("hapt", 1, hapt.manifest().labels());
        Path out = tmp.resolve("micro-int8");

        Int8BundleQuantizer.Result r = Int8BundleQuantizer.builder().setBundle(shipped()).setOutput(out)
                .addParityWindows("hapt", parity, labels).optMinAgreement(MIN_AGREEMENT)
                .optLog(new PrintStream(new ByteArrayOutputStream(), true)).build().export();

        assertThat(r.parity()).singleElement().satisfies(p -> {
            assertThat(p.windows()).isEqualTo(24);
            assertThat(p.top1Agreement()).isGreaterThanOrEqualTo(MIN_AGREEMENT);
            assertThat(p.meanCosine()).isGreaterThan(0.99);
        });
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(out.resolve("model.onnx")));
        long quantized = model.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("DynamicQuantizeMatMul")).count();
        assertThat(quantized).isPositive();
        assertThat(model.getGraph().getNodeList()).filteredOn(n -> n.getOpType().equals("DynamicQuantizeMatMul"))
                .extracting(NodeProto::getDomain).containsOnly(DynamicInt8Quantizer.MS_DOMAIN);
        assertThat(Files.size(out.resolve("model.onnx"))).isLessThan(Files.size(shipped().resolve("model.onnx")));

        ModelBundle int8 = ModelBundle.open(out);
        assertThat(int8.manifest().provenance().get(Int8BundleQuantizer.PROVENANCE_QUANTIZATION))
                .startsWith("dynamic int8").contains("model.onnx " + quantized + " of");
        assertThat(int8.manifest().provenance()).containsEntry("quantized_from", fp32.id())
                .containsKey("int8_parity_hapt");
        assertThat(int8.id()).isEqualTo(r.bundleId()).isNotEqualTo(fp32.id());

        int agree = 0;
        try (OnnxWindowClassifier a = OnnxWindowClassifier.open(shipped());
             OnnxWindowClassifier b = OnnxWindowClassifier.open(out)) {
            assertThat(b.modelId()).isEqualTo(int8.id());
            List<Classification> ca = a.classify(test, labels, 3);
            List<Classification> cb = b.classify(test, labels, 3);
            for (int i = 0; i < test.size(); i++) {
                assertThat(cb.get(i).ok()).as(cb.get(i).error()).isTrue();
                if (ca.get(i).topK().get(0).label().equals(cb.get(i).topK().get(0).label())) agree++;
            }
        }
        assertThat(test).hasSizeGreaterThan(60);
        assertThat(agree / (double) test.size()).as("top-1 agreement on %d unseen windows", test.size())
                .isGreaterThanOrEqualTo(MIN_AGREEMENT);

        // the hash checks hold for the quantised bundle too
        byte[] bytes = Files.readAllBytes(out.resolve("model.onnx"));
        bytes[bytes.length / 2] ^= 1;
        Files.write(out.resolve("model.onnx"), bytes);
        assertThatThrownBy(() -> ModelBundle.open(out)).isInstanceOf(BundleException.class)
                .hasMessageContaining("model.onnx");
    }

    @Test
    void anAgreementUnderTheThresholdRefusesTheBundleAndAQuantisedBundleIsNotQuantisedAgain(@TempDir Path tmp)
            throws Exception {
        Dataset hapt = DatasetCatalog.load().read("hapt", DataRoot.resolve());
        List<SensorWindow> ws = DatasetWindows.spread(DatasetWindows.of(hapt, 1.0), 8).stream()
                .map(DatasetWindows.Labeled::window).toList();
        LabelSet labels = new LabelSet("hapt", 1, hapt.manifest().labels());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true);
        Path refused = tmp.resolve("refused");
        assertThatThrownBy(() -> Int8BundleQuantizer.builder().setBundle(shipped()).setOutput(refused)
                .addParityWindows("hapt", ws, labels).optMinAgreement(1.01).optLog(quiet).build().export())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("top-1 agreement");
        assertThat(refused).doesNotExist();

        Path once = tmp.resolve("once");
        Int8BundleQuantizer.builder().setBundle(shipped()).setOutput(once).addParityWindows("hapt", ws, labels)
                .optMinAgreement(0).optLog(quiet).build().export();
        assertThatThrownBy(() -> Int8BundleQuantizer.builder().setBundle(once).setOutput(tmp.resolve("twice"))
                .addParityWindows("hapt", ws, labels).optLog(quiet).build().export())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantised already");
    }
}
