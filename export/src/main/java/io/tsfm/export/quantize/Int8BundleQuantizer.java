package io.tsfm.export.quantize;

import io.tsfm.core.runtime.BundleLayout;
import io.tsfm.core.runtime.Classification;
import io.tsfm.core.runtime.LabelSet;
import io.tsfm.core.runtime.ModelBundle;
import io.tsfm.core.runtime.OnnxWindowClassifier;
import io.tsfm.core.runtime.SensorWindow;
import io.tsfm.core.runtime.WindowEmbedding;
import io.tsfm.export.bundle.BundleWriter;
import io.tsfm.schemas.bundle.BundleManifest;
import io.tsfm.schemas.bundle.BundleManifestJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the dynamically quantised (int8) variant of a model bundle: its ONNX graphs through
 * {@link DynamicInt8Quantizer}, the other files copied, and a manifest that lists the new files with their SHA-256
 * and records the quantisation and its parity in {@code provenance} ({@value #PROVENANCE_QUANTIZATION},
 * {@code quantized_from}, {@code int8_parity_*}), so the runtime loads it like any bundle. Parity is measured against
 * the float bundle on real windows: the cosine of the window embeddings and the agreement of the top-1 label; the
 * bundle is refused (deleted) when the agreement is under the threshold. Not thread-safe (one export at a time).
 */
public final class Int8BundleQuantizer {
    /** Provenance key saying how the bundle was quantised. */
    public static final String PROVENANCE_QUANTIZATION = "quantization";

    /** Parity on one labelled set of windows. */
    public record Parity(String name, int windows, double top1Agreement, double meanCosine, double minCosine,
                         double maxAbsDiff) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d windows, top-1 agreement %.3f, embedding cosine mean %.5f min "
                    + "%.5f, max |diff| %.4f", name, windows, top1Agreement, meanCosine, minCosine, maxAbsDiff);
        }
    }

    /** The bundle made. */
    public record Result(Path bundle, String bundleId, List<BundleManifest.BundleFile> files, List<Parity> parity,
                         String quantization) {
    }

    private final Path source;
    private final Path output;
    private final Map<String, List<SensorWindow>> windows;
    private final Map<String, LabelSet> labels;
    private final double minAgreement;
    private final int minElements;
    private final boolean overwrite;
    private final PrintStream log;

    private Int8BundleQuantizer(Builder b) {
        this.source = b.source;
        this.output = b.output;
        this.windows = b.windows;
        this.labels = b.labels;
        this.minAgreement = b.minAgreement;
        this.minElements = b.minElements;
        this.overwrite = b.overwrite;
        this.log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the quantised bundle and checks it.
     *
     * @throws IOException          when a file cannot be read or written
     * @throws IllegalStateException when the agreement with the float bundle is under the threshold (nothing is left
     *                              at the output)
     */
    public Result export() throws IOException {
        ModelBundle fp32 = ModelBundle.open(source); // checks the source's hashes
        BundleManifest manifest = BundleManifestJson.read(source.resolve(BundleLayout.MANIFEST));
        if (manifest.provenance().containsKey(PROVENANCE_QUANTIZATION)) {
            throw new IllegalArgumentException(source + " is quantised already (" + manifest.provenance()
                    .get(PROVENANCE_QUANTIZATION) + ")");
        }
        if (Files.exists(output)) {
            if (!overwrite) throw new IllegalArgumentException(output + " exists (pass overwrite to replace it)");
            BundleWriter.delete(output);
        }
        boolean ok = false;
        try {
            BundleWriter writer = new BundleWriter(output);
            List<String> summary = new ArrayList<>();
            for (BundleManifest.BundleFile f : manifest.files()) {
                byte[] bytes = Files.readAllBytes(source.resolve(f.path()));
                if (f.path().endsWith(".onnx")) {
                    DynamicInt8Quantizer.Result q = DynamicInt8Quantizer.quantize(bytes, minElements);
                    summary.add(String.format(Locale.ROOT, "%s %d of %d MatMuls", f.path(), q.matMulsQuantized(),
                            q.matMulsQuantized() + q.matMulsKept()));
                    log.printf(Locale.ROOT, "quantize: %s: %d MatMuls to int8 (%,d weights), %d kept float; %,d -> %,d "
                            + "bytes%n", f.path(), q.matMulsQuantized(), q.floatWeightsReplaced(), q.matMulsKept(),
                            bytes.length, q.model().length);
                    bytes = q.model();
                }
                writer.addFile(f.path(), f.role(), bytes);
            }
            String how = "dynamic int8: com.microsoft DynamicQuantizeMatMul, weights symmetric per output channel, "
                    + "activations uint8 per call; MatMul weights of at least " + minElements + " values ("
                    + String.join(", ", summary) + ")";
            Map<String, String> provenance = new LinkedHashMap<>(manifest.provenance());
            provenance.put(PROVENANCE_QUANTIZATION, how);
            provenance.put("quantized_from", fp32.id());
            writer.writeManifest(with(manifest, provenance));

            List<Parity> parity = parity();
            double worst = 1;
            for (Parity p : parity) {
                log.println("quantize: parity " + p);
                provenance.put("int8_parity_" + p.name(), String.format(Locale.ROOT,
                        "top1_agreement=%.4f mean_cosine=%.6f min_cosine=%.6f max_abs_diff=%.5f windows=%d",
                        p.top1Agreement(), p.meanCosine(), p.minCosine(), p.maxAbsDiff(), p.windows()));
                worst = Math.min(worst, p.top1Agreement());
            }
            if (worst < minAgreement) {
                throw new IllegalStateException(String.format(Locale.ROOT, "int8 bundle refused: top-1 agreement with "
                        + "the float bundle %.3f < %.3f (%s)", worst, minAgreement, parity));
            }
            String id = writer.writeManifest(with(manifest, provenance));
            ModelBundle.open(output); // the runtime's own checks: hashes, layout
            ok = true;
            return new Result(output, id, writer.files(), parity, how);
        } finally {
            if (!ok) BundleWriter.delete(output);
        }
    }

    private List<Parity> parity() throws IOException {
        List<Parity> out = new ArrayList<>();
        try (OnnxWindowClassifier a = OnnxWindowClassifier.open(source);
             OnnxWindowClassifier b = OnnxWindowClassifier.open(output)) {
            for (Map.Entry<String, List<SensorWindow>> e : windows.entrySet()) {
                List<SensorWindow> ws = e.getValue();
                LabelSet set = labels.get(e.getKey());
                List<Classification> ca = a.classify(ws, set, 1);
                List<Classification> cb = b.classify(ws, set, 1);
                List<WindowEmbedding> ea = a.embed(ws);
                List<WindowEmbedding> eb = b.embed(ws);
                int agree = 0;
                int n = 0;
                double sumCos = 0;
                double minCos = 1;
                double maxDiff = 0;
                for (int i = 0; i < ws.size(); i++) {
                    if (!ca.get(i).ok() || !cb.get(i).ok() || !ea.get(i).ok() || !eb.get(i).ok()) continue;
                    n++;
                    if (ca.get(i).topK().get(0).label().equals(cb.get(i).topK().get(0).label())) agree++;
                    float[] x = ea.get(i).embedding();
                    float[] y = eb.get(i).embedding();
                    double dot = 0;
                    double nx = 0;
                    double ny = 0;
                    for (int j = 0; j < x.length; j++) {
                        dot += x[j] * y[j];
                        nx += x[j] * x[j];
                        ny += y[j] * y[j];
                        maxDiff = Math.max(maxDiff, Math.abs(x[j] - y[j]));
                    }
                    double cos = dot / Math.sqrt(nx * ny);
                    sumCos += cos;
                    minCos = Math.min(minCos, cos);
                }
                if (n == 0) throw new IllegalStateException("no window of " + e.getKey() + " could be compared");
                out.add(new Parity(e.getKey(), n, agree / (double) n, sumCos / n, minCos, maxDiff));
            }
        }
        return out;
    }

    private static BundleManifest with(BundleManifest m, Map<String, String> provenance) {
        return new BundleManifest(m.formatVersion(), m.tier(), m.dimensions(), m.preprocessing(), m.labels(),
                m.onnxOpset(), provenance, m.validationMetrics(), m.files());
    }

    /** Builds an {@link Int8BundleQuantizer}; {@link #setBundle}, {@link #setOutput} and one parity set are required. */
    public static final class Builder {
        private Path source;
        private Path output;
        private final Map<String, List<SensorWindow>> windows = new LinkedHashMap<>();
        private final Map<String, LabelSet> labels = new LinkedHashMap<>();
        private double minAgreement = 0.9;
        private int minElements = 1024;
        private boolean overwrite;
        private PrintStream log = System.err;

        private Builder() {
        }

        /** The float bundle. Required. */
        public Builder setBundle(Path bundle) {
            this.source = Objects.requireNonNull(bundle, "bundle");
            return this;
        }

        /** The directory of the quantised bundle. Required. */
        public Builder setOutput(Path output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Real windows to compare on, scored against {@code labels}; at least one set is required. */
        public Builder addParityWindows(String name, List<SensorWindow> windows, LabelSet labels) {
            if (windows.isEmpty()) throw new IllegalArgumentException("parity set " + name + " has no windows");
            this.windows.put(name, List.copyOf(windows));
            this.labels.put(name, Objects.requireNonNull(labels, "labels"));
            return this;
        }

        /** Smallest top-1 agreement with the float bundle accepted on every parity set; default 0.9. */
        public Builder optMinAgreement(double fraction) {
            this.minAgreement = fraction;
            return this;
        }

        /** Smallest weight (values) quantised; default 1024 (smaller products gain nothing). */
        public Builder optMinElements(int elements) {
            this.minElements = elements;
            return this;
        }

        /** Replace an existing output directory; default false. */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** Progress lines; default standard error. */
        public Builder optLog(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public Int8BundleQuantizer build() {
            if (source == null || output == null) {
                throw new IllegalStateException("Int8BundleQuantizer.builder(): setBundle and setOutput are required");
            }
            if (windows.isEmpty()) throw new IllegalStateException("Int8BundleQuantizer.builder(): no parity windows");
            if (source.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the quantised bundle cannot replace its source " + source);
            }
            return new Int8BundleQuantizer(this);
        }
    }
}
