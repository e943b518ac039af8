package io.tsfm.export.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.ort.ExecutionDevice;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.datasets.eval.DatasetWindows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requesting CUDA where ONNX Runtime has no CUDA provider (the CPU build on the class path here) falls back to CPU
 * with one recorded warning and classifies exactly as a CPU classifier; where a CUDA build is present it runs on
 * CUDA without a warning.
 */
class CudaFallbackTest {

    @Test
    void cudaRequestFallsBackToCpuWithAWarningAndStillClassifies() throws Exception {
        boolean cudaBuild = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        List<SensorWindow> windows = DatasetWindows.spread(DatasetWindows.of(TestBundles.hapt(), 1.0), 6).stream()
                .map(DatasetWindows.Labeled::window).toList();
        LabelSet labels = new LabelSet("hapt", 1, TestBundles.hapt().manifest().labels());
        try (OnnxWindowClassifier cpu = OnnxWindowClassifier.open(TestBundles.frozen().bundle());
             OnnxWindowClassifier cuda = OnnxWindowClassifier.builder().setBundle(TestBundles.frozen().bundle())
                     .optDevice(ExecutionDevice.CUDA).build()) {
            assertThat(cpu.device()).isEqualTo(ExecutionDevice.CPU);
            assertThat(cpu.fallbackWarning()).isEmpty();
            if (cudaBuild) {
                assertThat(cuda.device()).isEqualTo(ExecutionDevice.CUDA);
                assertThat(cuda.fallbackWarning()).isEmpty();
            } else {
                assertThat(cuda.device()).isEqualTo(ExecutionDevice.CPU);
                assertThat(cuda.fallbackWarning()).hasValueSatisfying(w -> assertThat(w)
                        .contains("CUDA execution provider requested but not available").contains("on CPU"));
            }
            List<Classification> a = cpu.classify(windows, labels, 3);
            List<Classification> b = cuda.classify(windows, labels, 3);
            assertThat(b).allMatch(Classification::ok);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).best()).isEqualTo(a.get(i).best());
            }
        }
    }
}
