package io.tsfm.simulation.skeleton;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.datasets.reading.ContentLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Acclaim ASF (skeleton) and AMC (motion) files, as CMU and HDM05 publish them.
 *
 * <p>ASF: {@code :units} gives {@code length} (a bone length of 1 is 1/length inch, so metres per unit =
 * 0.0254 / length; CMU and HDM05 write 0.45, i.e. 0.05644 m) and {@code angle} (deg or rad). Each bone has a
 * unit {@code direction} and a {@code length} in the rest pose (world axes), an {@code axis} (three angles and an
 * order such as XYZ) that defines its local frame C, and its {@code dof}. A bone's world rotation is
 * {@code parent · C · M · C⁻¹} with M the AMC rotation, composed like C (order XYZ: M = Rz·Ry·Rx); the bone
 * starts where its parent ends. Reduced here to a {@link Skeleton} with one joint per bone at the bone's start,
 * {@code pre = C}, and an {@code <bone>_end} joint after each leaf bone.
 *
 * <p>AMC: a frame number line, then one line per bone with a DOF: name and its values in {@code dof} order
 * (root: its {@code order}). Malformed input throws {@link DataFormatException} naming file and line.
 */
public final class AsfAmc {
    private AsfAmc() {}

    /** A parsed ASF: the skeleton plus what AMC lines need (bone → joint, units). */
    public record Asf(Skeleton skeleton, Map<String, Integer> jointOfBone, double metresPerUnit, double radiansPerUnit) {}

    private record Bone(String name, double[] dir, double length, double[] axis, String axisOrder, int[] dof, long line) {}

    /** Parses an ASF file. */
    public static Asf parseAsf(Reader in, String file) throws IOException {
        BufferedReader r = new BufferedReader(in);
        double lengthUnit = 1.0;
        double angleUnit = Math.PI / 180;
        String section = "";
        int[] rootOrder = {Skeleton.TX, Skeleton.TY, Skeleton.TZ, Skeleton.RX, Skeleton.RY, Skeleton.RZ};
        String rootAxis = "XYZ";
        double[] rootPos = new double[3];
        double[] rootOrient = new double[3];
        Map<String, Bone> bones = new LinkedHashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        // one bone block being read
        String bName = null;
        double[] bDir = null, bAxis = null;
        double bLen = Double.NaN;
        String bOrder = null;
        int[] bDof = new int[0];
        long bLine = 0;
        boolean inBone = false;
        ContentLines lines = new ContentLines(r);
        while (lines.next()) {
            long no = lines.number();
            String t = lines.text();
            String[] w = t.split("\\s+");
            if (w[0].startsWith(":")) {
                section = w[0].toLowerCase(Locale.ROOT);
                continue;
            }
            switch (section) {
                case ":units":
                    if (w[0].equals("length")) lengthUnit = num(w, 1, file, no);
                    else if (w[0].equals("angle")) {
                        if (w.length < 2) throw new DataFormatException(file, no, 0, "angle unit missing");
                        if (w[1].startsWith("deg")) angleUnit = Math.PI / 180;
                        else if (w[1].startsWith("rad")) angleUnit = 1;
                        else throw new DataFormatException(file, no, 0, "unknown angle unit '" + w[1] + "'");
                    }
                    break;
                case ":root":
                    if (w[0].equals("order")) {
                        rootOrder = new int[w.length - 1];
                        for (int i = 1; i < w.length; i++) rootOrder[i - 1] = dofType(w[i], file, no);
                    } else if (w[0].equals("axis")) {
                        rootAxis = axisOrder(w.length > 1 ? w[1] : "", file, no);
                    } else if (w[0].equals("position")) {
                        rootPos = new double[] {num(w, 1, file, no), num(w, 2, file, no), num(w, 3, file, no)};
                    } else if (w[0].equals("orientation")) {
                        rootOrient = new double[] {num(w, 1, file, no), num(w, 2, file, no), num(w, 3, file, no)};
                    }
                    break;
                case ":bonedata":
                    if (w[0].equals("begin")) {
                        inBone = true;
                        bName = null; bDir = null; bAxis = null; bLen = Double.NaN; bOrder = "XYZ"; bDof = new int[0];
                        bLine = no;
                    } else if (w[0].equals("end")) {
                        if (!inBone) throw new DataFormatException(file, no, 0, "'end' without 'begin'");
                        if (bName == null || bDir == null || Double.isNaN(bLen)) {
                            throw new DataFormatException(file, no, 0, "bone block opened at line " + bLine
                                    + " lacks name, direction or length");
                        }
                        bones.put(bName, new Bone(bName, bDir, bLen, bAxis == null ? new double[3] : bAxis, bOrder, bDof, bLine));
                        inBone = false;
                    } else if (!inBone) {
                        throw new DataFormatException(file, no, 0, "'" + w[0] + "' outside a begin/end bone block");
                    } else if (w[0].equals("name")) {
                        if (w.length < 2) throw new DataFormatException(file, no, 0, "bone name missing");
                        bName = w[1];
                    } else if (w[0].equals("direction")) {
                        bDir = new double[] {num(w, 1, file, no), num(w, 2, file, no), num(w, 3, file, no)};
                    } else if (w[0].equals("length")) {
                        bLen = num(w, 1, file, no);
                    } else if (w[0].equals("axis")) {
                        bAxis = new double[] {num(w, 1, file, no), num(w, 2, file, no), num(w, 3, file, no)};
                        bOrder = axisOrder(w.length > 4 ? w[4] : "", file, no);
                    } else if (w[0].equals("dof")) {
                        bDof = new int[w.length - 1];
                        for (int i = 1; i < w.length; i++) bDof[i - 1] = dofType(w[i], file, no);
                    }
                    // id, limits and their continuation lines carry nothing the simulation needs
                    break;
                case ":hierarchy":
                    if (w[0].equals("begin") || w[0].equals("end")) break;
                    for (int i = 1; i < w.length; i++) children.computeIfAbsent(w[0], k -> new ArrayList<>()).add(w[i]);
                    break;
                default:
                    break;
            }
        }
        if (!(lengthUnit > 0)) throw new DataFormatException(file, 0, 0, "length unit must be positive, found " + lengthUnit);
        double metres = 0.0254 / lengthUnit;
        if (bones.isEmpty()) throw new DataFormatException(file, lines.number(), 0, "no :bonedata bones");
        if (!children.containsKey("root")) throw new DataFormatException(file, lines.number(), 0, "no :hierarchy entry for root");

        List<Skeleton.Joint> joints = new ArrayList<>();
        Map<String, Integer> jointOfBone = new HashMap<>();
        int first = rootOrder.length;
        joints.add(new Skeleton.Joint("root", -1, scale(rootPos, metres), rootOrder, 0,
                rotOrder(rootOrder, rootAxis), axisRotation(rootOrient, rootAxis, angleUnit)));
        jointOfBone.put("root", 0);
        Deque<String> queue = new ArrayDeque<>();
        queue.add("root");
        while (!queue.isEmpty()) {
            String parent = queue.poll();
            for (String c : children.getOrDefault(parent, List.of())) {
                Bone b = bones.get(c);
                if (b == null) throw new DataFormatException(file, 0, 0, ":hierarchy names bone '" + c + "' that :bonedata does not define");
                if (jointOfBone.containsKey(c)) throw new DataFormatException(file, 0, 0, ":hierarchy lists bone '" + c + "' twice");
                double[] offset = parent.equals("root") ? new double[3] : boneVector(bones.get(parent), metres);
                jointOfBone.put(c, joints.size());
                joints.add(new Skeleton.Joint(c, jointOfBone.get(parent), offset, b.dof, first, rotOrder(b.dof, b.axisOrder),
                        axisRotation(b.axis, b.axisOrder, angleUnit)));
                first += b.dof.length;
                queue.add(c);
            }
        }
        for (Bone b : bones.values()) {
            if (!jointOfBone.containsKey(b.name)) {
                throw new DataFormatException(file, b.line, 0, "bone '" + b.name + "' is not reachable from root in :hierarchy");
            }
            if (children.getOrDefault(b.name, List.of()).isEmpty()) {
                joints.add(new Skeleton.Joint(b.name + "_end", jointOfBone.get(b.name), boneVector(b, metres), new int[0], first,
                        new int[0], null));
            }
        }
        return new Asf(new Skeleton(file, joints), jointOfBone, metres, angleUnit);
    }

    /** Parses an AMC file against its ASF at {@code fps} (AMC does not state its rate). */
    public static Motion parseAmc(Asf asf, Reader in, String file, double fps) throws IOException {
        BufferedReader r = new BufferedReader(in, 1 << 16);
        Skeleton sk = asf.skeleton();
        int width = sk.channelCount();
        int bonesWithDof = 0;
        for (Skeleton.Joint j : sk.joints()) if (j.channels().length > 0) bonesWithDof++;
        List<double[]> rows = new ArrayList<>();
        double[] row = null;
        int seen = 0;
        long frameLine = 0;
        double angle = asf.radiansPerUnit();
        ContentLines lines = new ContentLines(r);
        while (lines.next()) {
            long no = lines.number();
            String t = lines.text();
            if (t.startsWith(":")) {
                if (t.equalsIgnoreCase(":RADIANS")) angle = 1;
                else if (t.equalsIgnoreCase(":DEGREES")) angle = Math.PI / 180;
                continue;
            }
            String[] w = t.split("\\s+");
            if (w.length == 1 && isInteger(w[0])) {
                if (row != null) {
                    if (seen != bonesWithDof) throw new DataFormatException(file, frameLine, 0, "frame " + rows.size()
                            + " has " + seen + " bone lines, the ASF has " + bonesWithDof + " bones with a DOF");
                }
                long n = Long.parseLong(w[0]);
                if (n != rows.size() + 1) {
                    throw new DataFormatException(file, no, 1, "frame number " + n + " where " + (rows.size() + 1) + " was expected");
                }
                row = new double[width];
                rows.add(row);
                seen = 0;
                frameLine = no;
                continue;
            }
            if (row == null) throw new DataFormatException(file, no, 1, "bone line '" + w[0] + "' before the first frame number");
            Integer j = asf.jointOfBone().get(w[0]);
            if (j == null) throw new DataFormatException(file, no, 1, "unknown bone '" + w[0] + "' (not in the ASF)");
            Skeleton.Joint joint = sk.joints().get(j);
            int[] ch = joint.channels();
            if (w.length - 1 != ch.length) {
                throw new DataFormatException(file, no, 0, "bone " + w[0] + " has " + (w.length - 1) + " values, its DOF declares "
                        + ch.length);
            }
            for (int k = 0; k < ch.length; k++) {
                double x;
                try {
                    x = Double.parseDouble(w[k + 1]);
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, no, k + 2, "value " + (k + 1) + " of bone " + w[0] + " is not a number: '"
                            + w[k + 1] + "'");
                }
                if (!Double.isFinite(x)) throw new DataFormatException(file, no, k + 2, "value " + (k + 1) + " of bone " + w[0] + " is not finite");
                row[joint.first() + k] = ch[k] <= Skeleton.TZ ? x * asf.metresPerUnit() : x * angle;
            }
            seen++;
        }
        if (rows.isEmpty()) throw new DataFormatException(file, lines.number(), 0, "no frames");
        if (seen != bonesWithDof) throw new DataFormatException(file, frameLine, 0, "last frame has " + seen
                + " bone lines, the ASF has " + bonesWithDof + " bones with a DOF");
        return new Motion(sk, fps, rows.toArray(new double[0][]), file);
    }

    private static boolean isInteger(String s) {
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return !s.isEmpty();
    }

    private static double[] scale(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }

    private static double[] boneVector(Bone b, double metres) {
        return scale(b.dir, b.length * metres);
    }

    private static double num(String[] w, int i, String file, long line) {
        if (i >= w.length) throw new DataFormatException(file, line, 0, "'" + w[0] + "' needs " + i + " value(s)");
        try {
            return Double.parseDouble(w[i]);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, 0, "'" + w[0] + "': not a number: '" + w[i] + "'");
        }
    }

    private static int dofType(String s, String file, long line) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "tx": return Skeleton.TX;
            case "ty": return Skeleton.TY;
            case "tz": return Skeleton.TZ;
            case "rx": return Skeleton.RX;
            case "ry": return Skeleton.RY;
            case "rz": return Skeleton.RZ;
            default: throw new DataFormatException(file, line, 0, "unsupported degree of freedom '" + s + "'");
        }
    }

    private static String axisOrder(String s, String file, long line) {
        String u = s.toUpperCase(Locale.ROOT);
        if (u.length() != 3 || u.chars().distinct().count() != 3 || !u.matches("[XYZ]+")) {
            throw new DataFormatException(file, line, 0, "axis order must be a permutation of XYZ, found '" + s + "'");
        }
        return u;
    }

    /** Rotation channel indices in multiplication order: order "XYZ" (X applied first) multiplies Z·Y·X. */
    private static int[] rotOrder(int[] channels, String order) {
        List<Integer> out = new ArrayList<>();
        for (int i = order.length() - 1; i >= 0; i--) {
            int type = Skeleton.RX + (order.charAt(i) - 'X');
            for (int k = 0; k < channels.length; k++) if (channels[k] == type) out.add(k);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** C from the three axis angles composed in {@code order} (X applied first for "XYZ"). */
    private static double[] axisRotation(double[] angles, String order, double unit) {
        double[] c = Rot.identity();
        for (int i = order.length() - 1; i >= 0; i--) {
            int a = order.charAt(i) - 'X';
            c = Rot.mul(c, Rot.axis(a, angles[a] * unit));
        }
        return c;
    }
}
