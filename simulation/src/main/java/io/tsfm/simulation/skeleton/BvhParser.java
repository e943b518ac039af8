package io.tsfm.simulation.skeleton;

import io.tsfm.core.data.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Reads a BVH file (HIERARCHY with ROOT/JOINT/End Site blocks, OFFSET and CHANNELS lines; MOTION with Frames,
 * Frame Time and one row per frame). Each joint's rotations multiply in the order its own CHANNELS line lists
 * them (rigs differ: ZXY, ZYX, per joint). A joint with position channels takes them as its translation
 * instead of its OFFSET (the Bandai-Namco rig repeats the offsets there and moves the hips through them).
 *
 * <p>Length unit: BVH does not state it. It is inferred from the longest root-to-leaf chain of offsets, which
 * for a human is 0.8 to 1.3 m: a chain of 50 to 250 units is centimetres, 8 to 30 units is CMU's ASF unit
 * (1/0.45 inch = 0.05644 m, used by CMU's own BVH conversions), 0.5 to 2.5 is metres; anything else is an error.
 * Angles are degrees. Malformed input throws {@link DataFormatException} naming file and line.
 */
public final class BvhParser {
    /** Metres per CMU ASF length unit (ASF {@code length 0.45}: 1 unit = 1/0.45 inch). */
    public static final double CMU_UNIT_M = 0.0254 / 0.45;

    private BvhParser() {}

    /** Parses a whole file; {@code file} names it in errors. */
    public static Motion parse(Reader in, String file) throws IOException {
        return new State(new BufferedReader(in, 1 << 16), file).parse();
    }

    private static final class State {
        private final BufferedReader r;
        private final String file;
        private long lineNo;
        private String[] tokens = new String[0];
        private int pos;

        private final List<String> names = new ArrayList<>();
        private final List<Integer> parents = new ArrayList<>();
        private final List<double[]> offsets = new ArrayList<>();
        private final List<int[]> channels = new ArrayList<>();
        private final List<Integer> firsts = new ArrayList<>();
        private int channelTotal;

        State(BufferedReader r, String file) {
            this.r = r;
            this.file = file;
        }

        private DataFormatException error(String why) {
            return new DataFormatException(file, lineNo, 0, why);
        }

        /** Next token, reading lines as needed; null at end of file. */
        private String next() throws IOException {
            while (pos >= tokens.length) {
                String line = r.readLine();
                if (line == null) return null;
                lineNo++;
                String t = line.strip();
                tokens = t.isEmpty() ? new String[0] : t.split("\\s+");
                pos = 0;
            }
            return tokens[pos++];
        }

        private String expectToken(String what) throws IOException {
            String t = next();
            if (t == null) throw error("unexpected end of file, expected " + what);
            return t;
        }

        private double number(String what) throws IOException {
            String t = expectToken(what);
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw error("expected a number for " + what + ", found '" + t + "'");
            }
        }

        Motion parse() throws IOException {
            String t = next();
            if (!"HIERARCHY".equalsIgnoreCase(t)) throw error("expected HIERARCHY, found '" + t + "'");
            t = expectToken("ROOT");
            if (!"ROOT".equalsIgnoreCase(t)) throw error("expected ROOT, found '" + t + "'");
            joint(-1, expectToken("root name"));
            t = expectToken("MOTION");
            if (!"MOTION".equalsIgnoreCase(t)) throw error("expected MOTION after the hierarchy, found '" + t + "'");
            double scale = lengthScale();
            int frames = header("Frames:");
            double frameTime = header2("Frame", "Time:");
            if (!(frameTime > 0)) throw error("Frame Time must be positive, found " + frameTime);
            if (pos < tokens.length) throw error("unexpected '" + tokens[pos] + "' after Frame Time");
            double[][] rows = new double[frames][];
            int[] kinds = new int[channelTotal];
            for (int j = 0; j < names.size(); j++) {
                int[] c = channels.get(j);
                for (int k = 0; k < c.length; k++) kinds[firsts.get(j) + k] = c[k];
            }
            double deg = Math.PI / 180;
            for (int f = 0; f < frames; f++) {
                String line = nextLine();
                if (line == null) throw error("file ends after " + f + " of the " + frames + " frames its header announces");
                String[] v = line.strip().split("\\s+");
                if (v.length != channelTotal) {
                    throw error("frame " + (f + 1) + " has " + v.length + " values, the hierarchy declares "
                            + channelTotal + " channels");
                }
                double[] row = new double[channelTotal];
                for (int i = 0; i < channelTotal; i++) {
                    double x;
                    try {
                        x = Double.parseDouble(v[i]);
                    } catch (NumberFormatException e) {
                        throw new DataFormatException(file, lineNo, i + 1, "value " + (i + 1) + " of frame " + (f + 1)
                                + " is not a number: '" + v[i] + "'");
                    }
                    if (!Double.isFinite(x)) {
                        throw new DataFormatException(file, lineNo, i + 1, "value " + (i + 1) + " of frame " + (f + 1)
                                + " is not finite: '" + v[i] + "'");
                    }
                    row[i] = kinds[i] <= Skeleton.TZ ? x * scale : x * deg;
                }
                rows[f] = row;
            }
            if (nextLine() != null) throw error("more frame rows than the " + frames + " frames the header announces");
            List<Skeleton.Joint> joints = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                double[] o = offsets.get(j);
                int[] c = channels.get(j);
                List<Integer> rot = new ArrayList<>();
                for (int k = 0; k < c.length; k++) if (c[k] >= Skeleton.RX) rot.add(k);
                joints.add(new Skeleton.Joint(names.get(j), parents.get(j), new double[] {o[0] * scale, o[1] * scale, o[2] * scale},
                        c, firsts.get(j), rot.stream().mapToInt(Integer::intValue).toArray(), null));
            }
            return new Motion(new Skeleton(file, joints), 1.0 / frameTime, rows, file);
        }

        /** The next non-blank line, or null at end of file. */
        private String nextLine() throws IOException {
            String line;
            do {
                line = r.readLine();
                if (line == null) return null;
                lineNo++;
            } while (line.isBlank());
            return line;
        }

        private int header(String key) throws IOException {
            String t = expectToken(key);
            if (!key.equalsIgnoreCase(t)) throw error("expected '" + key + "', found '" + t + "'");
            double n = number("the frame count");
            if (n < 1 || n != Math.rint(n) || n > 10_000_000) throw error("frame count must be a positive integer, found " + n);
            return (int) n;
        }

        private double header2(String a, String b) throws IOException {
            String t = expectToken(a);
            String u = expectToken(b);
            if (!a.equalsIgnoreCase(t) || !b.equalsIgnoreCase(u)) throw error("expected '" + a + " " + b + "', found '" + t + " " + u + "'");
            return number("Frame Time");
        }

        private double lengthScale() {
            int[] p = parents.stream().mapToInt(Integer::intValue).toArray();
            double chain = Skeleton.longestChain(offsets, p);
            if (chain >= 50 && chain <= 250) return 0.01;
            if (chain >= 8 && chain <= 30) return CMU_UNIT_M;
            if (chain >= 0.5 && chain <= 2.5) return 1.0;
            throw new DataFormatException(file, 0, 0, String.format(Locale.ROOT,
                    "cannot infer the length unit: the longest root-to-leaf chain is %.3g units, not a human in cm (50-250),"
                            + " CMU units (8-30) or metres (0.5-2.5)", chain));
        }

        /** Reads one ROOT/JOINT block after its name; returns nothing, fills the lists. */
        private void joint(int parent, String name) throws IOException {
            int me = names.size();
            names.add(name);
            parents.add(parent);
            offsets.add(new double[3]);
            channels.add(new int[0]);
            firsts.add(channelTotal);
            String t = expectToken("{");
            if (!"{".equals(t)) throw error("expected '{' after joint " + name + ", found '" + t + "'");
            boolean sawOffset = false;
            while (true) {
                t = expectToken("OFFSET, CHANNELS, JOINT, End Site or '}'");
                switch (t.toUpperCase(Locale.ROOT)) {
                    case "OFFSET":
                        offsets.set(me, new double[] {number("OFFSET x"), number("OFFSET y"), number("OFFSET z")});
                        sawOffset = true;
                        break;
                    case "CHANNELS": {
                        double n = number("the channel count");
                        if (n < 0 || n > 6 || n != Math.rint(n)) throw error("channel count must be 0 to 6, found " + n);
                        int[] c = new int[(int) n];
                        for (int i = 0; i < c.length; i++) c[i] = channel(expectToken("a channel name"), name);
                        channels.set(me, c);
                        firsts.set(me, channelTotal);
                        channelTotal += c.length;
                        break;
                    }
                    case "JOINT":
                        joint(me, expectToken("joint name"));
                        break;
                    case "END": {
                        String site = expectToken("Site");
                        if (!"Site".equalsIgnoreCase(site)) throw error("expected 'End Site', found 'End " + site + "'");
                        endSite(me, name);
                        break;
                    }
                    case "}":
                        if (!sawOffset) throw error("joint " + name + " has no OFFSET");
                        return;
                    default:
                        throw error("unexpected '" + t + "' in joint " + name);
                }
            }
        }

        private void endSite(int parent, String parentName) throws IOException {
            String t = expectToken("{");
            if (!"{".equals(t)) throw error("expected '{' after End Site, found '" + t + "'");
            t = expectToken("OFFSET");
            if (!"OFFSET".equalsIgnoreCase(t)) throw error("expected OFFSET in End Site, found '" + t + "'");
            double[] o = {number("OFFSET x"), number("OFFSET y"), number("OFFSET z")};
            t = expectToken("}");
            if (!"}".equals(t)) throw error("expected '}' closing End Site, found '" + t + "'");
            names.add(parentName + "_end");
            parents.add(parent);
            offsets.add(o);
            channels.add(new int[0]);
            firsts.add(channelTotal);
        }

        private int channel(String c, String joint) {
            switch (c.toLowerCase(Locale.ROOT)) {
                case "xposition": return Skeleton.TX;
                case "yposition": return Skeleton.TY;
                case "zposition": return Skeleton.TZ;
                case "xrotation": return Skeleton.RX;
                case "yrotation": return Skeleton.RY;
                case "zrotation": return Skeleton.RZ;
                default: throw error("unknown channel '" + c + "' of joint " + joint);
            }
        }
    }
}
