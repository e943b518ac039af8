package io.tsfm.training.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/** Looks parameters up by a unique fragment of their DJL path name. */
final class Params {

    private Params() {}

    static Parameter only(Block block, String regex) {
        List<Parameter> found = all(block, regex);
        if (found.size() != 1) {
            throw new AssertionError("expected one parameter matching " + regex + ", found " + found.size());
        }
        return found.get(0);
    }

    static List<Parameter> all(Block block, String regex) {
        List<Parameter> found = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().matches(".*" + regex + ".*")) {
                found.add(p.getValue());
            }
        }
        return found;
    }

    static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (float x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / v.length);
    }

    static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
