package io.tsfm.datasets.readers;

import io.tsfm.core.data.Channel;
import io.tsfm.core.data.Session;
import io.tsfm.datasets.reading.MissingValues;
import java.util.ArrayList;
import java.util.List;

/** Turns decoded source samples into a {@link Session}: canonical units, then the missing-value policy. */
final class Sessions {
    private Sessions() {}

    /**
     * Builds one session; {@code raw[c]} holds channel {@code specs.get(c)} as stored in the file and is
     * converted in place.
     */
    static Session make(String dataset, String id, String subject, String label, double rate,
                        List<ChannelSpec> specs, float[][] raw, String file, long firstLine, long lastLine,
                        ReadLog log) {
        List<Channel> channels = new ArrayList<>(specs.size());
        for (int c = 0; c < specs.size(); c++) {
            ChannelSpec s = specs.get(c);
            channels.add(s.channel());
            float f = (float) s.factor();
            if (f != 1f) {
                float[] ch = raw[c];
                for (int t = 0; t < ch.length; t++) ch[t] *= f;
            }
        }
        long repaired = MissingValues.fill(raw);
        if (repaired > 0) {
            log.warn(file, firstLine, 0, "non-finite", "non-finite samples (NaN/Inf) replaced: forward fill, then "
                    + "backward fill, all-missing channels set to 0", repaired);
        }
        String source = lastLine > firstLine ? file + ":" + firstLine + "-" + lastLine
                : firstLine > 0 ? file + ":" + firstLine : file;
        return new Session(id, dataset, subject, label, rate, channels, raw, source);
    }
}
