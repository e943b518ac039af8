package io.tsfm.schemas;

import io.tsfm.schemas.avro.ChannelLayout;
import io.tsfm.schemas.avro.ChannelSpec;
import io.tsfm.schemas.avro.DeadLetter;
import io.tsfm.schemas.avro.ImuFrame;
import io.tsfm.schemas.avro.LabelSetUpdate;
import io.tsfm.schemas.avro.LayoutRef;
import io.tsfm.schemas.avro.Prediction;
import io.tsfm.schemas.avro.ScoredLabel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules each wire type states in its schema docs that Avro itself cannot express (non-empty ids, sample count a
 * multiple of the channel count, ...). Checked on encode and on decode, so neither side ever sees a broken record.
 * Each method returns every broken rule as {@code "<field path>: <what is wrong>"}; empty means valid.
 */
final class WireRules {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private WireRules() {
    }

    static List<String> imuFrame(ImuFrame f) {
        List<String> p = new ArrayList<>();
        nonBlank(p, "ImuFrame.deviceId", f.getDeviceId());
        if (f.getSequence() < 0) {
            p.add("ImuFrame.sequence: " + f.getSequence() + " is negative");
        }
        double rate = f.getSampleRateHz();
        if (!(rate > 0) || Double.isInfinite(rate)) {
            p.add("ImuFrame.sampleRateHz: " + rate + " is not a finite rate > 0");
        }
        int channels = f.getChannelCount();
        if (channels < 1) {
            p.add("ImuFrame.channelCount: " + channels + " is not >= 1");
        }
        List<Float> samples = f.getSamples();
        if (samples == null) {
            p.add("ImuFrame.samples: missing");
        } else if (samples.isEmpty()) {
            p.add("ImuFrame.samples: empty");
        } else if (channels >= 1 && samples.size() % channels != 0) {
            p.add("ImuFrame.samples: length " + samples.size() + " is not a multiple of channelCount " + channels);
        }
        Object layout = f.getLayout();
        if (layout instanceof ChannelLayout inline) {
            String path = "ImuFrame.layout<ChannelLayout>";
            nonBlank(p, path + ".layoutId", inline.getLayoutId());
            List<ChannelSpec> specs = inline.getChannels();
            if (specs == null) {
                p.add(path + ".channels: missing");
            } else {
                if (specs.size() != channels) {
                    p.add(path + ".channels: " + specs.size() + " channels but channelCount is " + channels);
                }
                Set<String> names = new HashSet<>();
                for (int i = 0; i < specs.size(); i++) {
                    ChannelSpec c = specs.get(i);
                    String at = path + ".channels[" + i + "]";
                    if (c == null) {
                        p.add(at + ": missing");
                        continue;
                    }
                    if (nonBlank(p, at + ".name", c.getName()) && !names.add(c.getName())) {
                        p.add(at + ".name: '" + c.getName() + "' appears twice");
                    }
                    nonBlank(p, at + ".unit", c.getUnit());
                    nonBlank(p, at + ".description", c.getDescription());
                }
            }
        } else if (layout instanceof LayoutRef ref) {
            nonBlank(p, "ImuFrame.layout<LayoutRef>.layoutId", ref.getLayoutId());
        } else {
            p.add("ImuFrame.layout: " + (layout == null ? "missing" : "is a " + layout.getClass().getName()
                    + ", expected ChannelLayout or LayoutRef"));
        }
        return p;
    }

    static List<String> prediction(Prediction r) {
        List<String> p = new ArrayList<>();
        nonBlank(p, "Prediction.deviceId", r.getDeviceId());
        if (r.getWindowEndEpochMicros() <= r.getWindowStartEpochMicros()) {
            p.add("Prediction.windowEndEpochMicros: " + r.getWindowEndEpochMicros()
                    + " is not after windowStartEpochMicros " + r.getWindowStartEpochMicros());
        }
        List<ScoredLabel> top = r.getTopK();
        if (top == null || top.isEmpty()) {
            p.add("Prediction.topK: " + (top == null ? "missing" : "empty"));
        } else {
            float previous = Float.POSITIVE_INFINITY;
            for (int i = 0; i < top.size(); i++) {
                ScoredLabel s = top.get(i);
                String at = "Prediction.topK[" + i + "]";
                if (s == null) {
                    p.add(at + ": missing");
                    continue;
                }
                nonBlank(p, at + ".label", s.getLabel());
                float score = s.getScore();
                if (Float.isNaN(score) || score < -1.0001f || score > 1.0001f) {
                    p.add(at + ".score: " + score + " is not a cosine similarity in [-1, 1]");
                } else if (score > previous) {
                    p.add(at + ".score: " + score + " is higher than the score before it (" + previous + ")");
                } else {
                    previous = score;
                }
            }
        }
        nonBlank(p, "Prediction.labelSetId", r.getLabelSetId());
        if (r.getLabelSetVersion() < 0) {
            p.add("Prediction.labelSetVersion: " + r.getLabelSetVersion() + " is negative");
        }
        String sha = r.getModelBundleSha256();
        if (sha == null || !SHA256_HEX.matcher(sha).matches()) {
            p.add("Prediction.modelBundleSha256: " + (sha == null ? "missing" : "'" + sha + "'")
                    + " is not 64 lowercase hex digits");
        }
        if (r.getProcessingLatencyMicros() < 0) {
            p.add("Prediction.processingLatencyMicros: " + r.getProcessingLatencyMicros() + " is negative");
        }
        return p;
    }

    static List<String> labelSetUpdate(LabelSetUpdate u) {
        List<String> p = new ArrayList<>();
        nonBlank(p, "LabelSetUpdate.labelSetId", u.getLabelSetId());
        if (u.getVersion() < 0) {
            p.add("LabelSetUpdate.version: " + u.getVersion() + " is negative");
        }
        uniqueNonBlank(p, "LabelSetUpdate.labels", u.getLabels());
        if (u.getDeviceScope() != null) {
            uniqueNonBlank(p, "LabelSetUpdate.deviceScope", u.getDeviceScope());
        }
        return p;
    }

    static List<String> deadLetter(DeadLetter d) {
        List<String> p = new ArrayList<>();
        nonBlank(p, "DeadLetter.sourceTopic", d.getSourceTopic());
        if (d.getSourcePartition() < 0) {
            p.add("DeadLetter.sourcePartition: " + d.getSourcePartition() + " is negative");
        }
        if (d.getSourceOffset() < 0) {
            p.add("DeadLetter.sourceOffset: " + d.getSourceOffset() + " is negative");
        }
        if (d.getPayload() == null) {
            p.add("DeadLetter.payload: missing");
        }
        if (d.getReason() == null) {
            p.add("DeadLetter.reason: missing");
        }
        if (d.getDetail() == null) {
            p.add("DeadLetter.detail: missing");
        }
        return p;
    }

    private static void uniqueNonBlank(List<String> p, String path, List<String> values) {
        if (values == null || values.isEmpty()) {
            p.add(path + ": " + (values == null ? "missing" : "empty"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (nonBlank(p, path + "[" + i + "]", v) && !seen.add(v)) {
                p.add(path + "[" + i + "]: '" + v + "' appears twice");
            }
        }
    }

    private static boolean nonBlank(List<String> p, String path, String value) {
        if (value == null || value.isBlank()) {
            p.add(path + ": " + (value == null ? "missing" : "blank"));
            return false;
        }
        return true;
    }
}
