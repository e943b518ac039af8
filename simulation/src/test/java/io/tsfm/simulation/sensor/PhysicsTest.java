package io.tsfm.simulation.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.Rotations;

import io.tsfm.simulation.skeleton.BvhParser;
import io.tsfm.simulation.skeleton.ForwardKinematics;
import io.tsfm.simulation.skeleton.Motion;
import io.tsfm.simulation.skeleton.Rot;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The virtual IMU on synthetic motion with known answers, from BVH text through forward kinematics. */
class PhysicsTest {
    private static final double FPS = 100;

    /**
     * A stick figure in cm (long enough to be read as centimetres): root {@code hip} with 6 channels, an {@code arm}
     * 50 cm along x and a {@code leg} 50 cm down, each with an End Site 50 cm further. Row f of the motion is
     * {@code rows.apply(f)}: hip Xpos Ypos Zpos Zrot Xrot Yrot, arm Zrot Xrot Yrot, leg Zrot Xrot Yrot.
     */
    static Motion stick(int frames, IntFunction<double[]> rows) throws Exception {
        StringBuilder b = new StringBuilder("HIERARCHY\nROOT hip\n{\n OFFSET 0 0 0\n"
                + " CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation\n"
                + " JOINT arm\n {\n  OFFSET 50 0 0\n  CHANNELS 3 Zrotation Xrotation Yrotation\n"
                + "  End Site\n  {\n   OFFSET 50 0 0\n  }\n }\n"
                + " JOINT leg\n {\n  OFFSET 0 -50 0\n  CHANNELS 3 Zrotation Xrotation Yrotation\n"
                + "  End Site\n  {\n   OFFSET 0 -50 0\n  }\n }\n}\n");
        b.append("MOTION\nFrames: ").append(frames).append("\nFrame Time: ").append(1 / FPS).append('\n');
        for (int f = 0; f < frames; f++) {
            double[] r = rows.apply(f);
            for (int i = 0; i < r.length; i++) b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.9f", r[i]));
            b.append('\n');
        }
        return BvhParser.parse(new StringReader(b.toString()), "stick.bvh");
    }

    /** The ideal readings of a sensor on joint {@code joint} with orientation {@code mount} relative to it. */
    static double[][] readings(Motion m, String joint, double[] mount, double cutoffHz) {
        int j = m.skeleton().indexOf(joint);
        ForwardKinematics.Poses p = ForwardKinematics.compute(m, new int[] {j});
        double[][] rot = new double[m.length()][];
        for (int t = 0; t < rot.length; t++) rot[t] = Rot.mul(p.rot()[0][t], mount);
        return VirtualImu.ideal(new VirtualImu.Trajectory(p.pos()[0], rot, m.fps()), cutoffHz);
    }

    @Test
    void aStaticPoseReadsGravityUpAndNoRotationWhateverTheMount() throws Exception {
        Random rng = new Random(1);
        double[] pose = {10, 90, -30, 35, -20, 170, 40, 10, -60, 5, 15, 25};
        Motion m = stick(200, f -> pose);
        for (int k = 0; k < 5; k++) {
            double[] mount = Rotations.uniform(rng);
            double[][] r = readings(m, "arm_end", mount, VirtualImu.SMOOTHING_CUTOFF_HZ);
            for (int t = 0; t < m.length(); t++) {
                double a = Math.sqrt(r[0][t] * r[0][t] + r[1][t] * r[1][t] + r[2][t] * r[2][t]);
                assertThat(a).isCloseTo(9.81, within(0.0981));
                for (int c = 3; c < 6; c++) assertThat(r[c][t]).isCloseTo(0, within(1e-9));
            }
            // the gravity reading is the world's up axis seen from the sensor: R_sᵀ (0, 0, 1) · 9.81
            double[] s = Rot.mul(ForwardKinematics.compute(m, new int[] {m.skeleton().indexOf("arm_end")}).rot()[0][0], mount);
            double[] up = Rot.applyTranspose(s, new double[] {0, 0, 9.81});
            for (int c = 0; c < 3; c++) assertThat(r[c][100]).isCloseTo(up[c], within(1e-6));
        }
    }

    @Test
    void aStaticFigureReadsGravityAtEverySiteThroughTheWholePipeline() throws Exception {
        Motion m = BvhParser.parse(new StringReader(cgspeedFigure(150)), "figure.bvh");
        List<MocapSimulator.Reading> rs = MocapSimulator.simulate(m, List.of(BodySite.values()), 7, VirtualImu.Noise.NONE);
        assertThat(rs).hasSize(BodySite.values().length);
        for (MocapSimulator.Reading r : rs) {
            assertThat(r.rateHz()).isEqualTo(50.0);
            float[][] x = r.samples();
            for (int t = 0; t < x[0].length; t++) {
                double a = Math.sqrt(x[0][t] * x[0][t] + x[1][t] * x[1][t] + x[2][t] * x[2][t]);
                assertThat(a).as("%s at %d", r.site(), t).isCloseTo(9.81, within(0.0981));
                for (int c = 3; c < 6; c++) assertThat((double) x[c][t]).isCloseTo(0, within(1e-4));
            }
        }
    }

    @Test
    void aJointTurningAtConstantRateReadsThatRateOnItsAxis() throws Exception {
        double degPerSecond = 180; // π rad/s about the arm's own y axis
        Motion m = stick(300, f -> new double[] {0, 90, 0, 0, 0, 0, 0, 0, degPerSecond * f / FPS, 0, 0, 0});
        for (double cutoff : new double[] {0, VirtualImu.SMOOTHING_CUTOFF_HZ}) {
            double[][] r = readings(m, "arm", Rot.identity(), cutoff);
            for (int t = 20; t < 280; t++) {
                assertThat(r[3][t]).isCloseTo(0, within(1e-6));
                assertThat(r[4][t]).isCloseTo(Math.PI, within(1e-3 * Math.PI));
                assertThat(r[5][t]).isCloseTo(0, within(1e-6));
            }
        }
        // mounted turned +90° about z, the sensor's x axis lies along the arm's y axis: the rate appears on x
        double[][] r = readings(m, "arm", Rot.axis(2, Math.PI / 2), 0);
        assertThat(r[3][150]).isCloseTo(Math.PI, within(1e-6));
        assertThat(r[4][150]).isCloseTo(0, within(1e-6));
    }

    @Test
    void aPointOnACircleReadsTheCentripetalAcceleration() throws Exception {
        // the hip spins about the vertical at 1 turn/s; the arm's end is 1 m from the axis
        double omega = 2 * Math.PI;
        Motion m = stick(300, f -> new double[] {0, 90, 0, 0, 0, 360.0 * f / FPS, 0, 0, 0, 0, 0, 0});
        double[][] r = readings(m, "arm_end", Rot.identity(), 0);
        for (int t = 5; t < 295; t++) {
            // in the arm's frame x points away from the axis and y up: ω²r toward the axis, gravity up
            assertThat(r[0][t]).isCloseTo(-omega * omega * 1.0, within(0.01 * omega * omega));
            assertThat(r[1][t]).isCloseTo(9.81, within(0.01));
            assertThat(r[2][t]).isCloseTo(0, within(0.01));
            assertThat(r[4][t]).isCloseTo(omega, within(1e-6));
        }
    }

    @Test
    void aBodyInFreeFallReadsNothing() throws Exception {
        // tumbling while it falls: the accelerometer still reads ~0, whatever the orientation
        Motion m = stick(200, f -> {
            double t = f / FPS;
            return new double[] {20 * t, 500 - 0.5 * 981 * t * t, 0, 30 * t, 10, 45 * t, 0, 0, 0, 0, 0, 0};
        });
        for (double cutoff : new double[] {0, VirtualImu.SMOOTHING_CUTOFF_HZ}) {
            double[][] r = readings(m, "hip", Rotations.uniform(new Random(3)), cutoff);
            // away from the ends, where the smoothing's padding cannot continue the parabola exactly
            for (int t = 30; t < 170; t++) {
                double a = Math.sqrt(r[0][t] * r[0][t] + r[1][t] * r[1][t] + r[2][t] * r[2][t]);
                assertThat(a).as("cut-off %s Hz, sample %d", cutoff, t).isLessThan(0.05);
            }
        }
    }

    @Test
    void mountOrientationsAreUniformOverRotations() {
        // uniform over SO(3): a fixed vector lands uniformly on the sphere, so each coordinate has mean 0 and
        // variance 1/3, and the rotation angle's cosine has mean −1/2·… (E[trace] = 0 for the Haar measure)
        Random rng = new Random(11);
        int n = 20000;
        double sumZ = 0, sumZ2 = 0, sumTrace = 0;
        for (int i = 0; i < n; i++) {
            double[] r = Rotations.uniform(rng);
            sumZ += r[8];
            sumZ2 += r[8] * r[8];
            sumTrace += r[0] + r[4] + r[8];
        }
        assertThat(sumZ / n).isCloseTo(0, within(0.02));
        assertThat(sumZ2 / n).isCloseTo(1.0 / 3, within(0.02));
        assertThat(sumTrace / n).isCloseTo(0, within(0.03));
    }

    /** A cgspeed-named figure (the joints {@link Rig#CGSPEED} maps), standing still, in cm. */
    static String cgspeedFigure(int frames) {
        String[][] joints = { // name, parent, offset
            {"hip", "", "0 0 0"}, {"abdomen", "hip", "0 20 0"}, {"chest", "abdomen", "0 12 0"}, {"neck", "chest", "0 22 0"},
            {"head", "neck", "0 7 0"}, {"rShldr", "chest", "-18 18 0"}, {"rForeArm", "rShldr", "-28 0 0"},
            {"rHand", "rForeArm", "-26 0 0"}, {"lShldr", "chest", "18 18 0"}, {"lForeArm", "lShldr", "28 0 0"},
            {"lHand", "lForeArm", "26 0 0"}, {"rThigh", "hip", "-9 -5 0"}, {"rShin", "rThigh", "0 -42 0"},
            {"rFoot", "rShin", "0 -40 0"}, {"lThigh", "hip", "9 -5 0"}, {"lShin", "lThigh", "0 -42 0"}, {"lFoot", "lShin", "0 -40 0"}};
        StringBuilder b = new StringBuilder("HIERARCHY\n");
        appendJoint(b, joints, 0);
        b.append("MOTION\nFrames: ").append(frames).append("\nFrame Time: 0.0083333\n");
        StringBuilder row = new StringBuilder("3 95 -20 0 0 0");
        for (int j = 1; j < joints.length; j++) row.append(" 5 -3 2");
        for (int f = 0; f < frames; f++) b.append(row).append('\n');
        return b.toString();
    }

    private static void appendJoint(StringBuilder b, String[][] joints, int j) {
        b.append(j == 0 ? "ROOT " : "JOINT ").append(joints[j][0]).append("\n{\nOFFSET ").append(joints[j][2]).append('\n');
        b.append(j == 0 ? "CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation\n"
                : "CHANNELS 3 Zrotation Xrotation Yrotation\n");
        boolean leaf = true;
        for (int k = 1; k < joints.length; k++) {
            if (joints[k][1].equals(joints[j][0])) {
                appendJoint(b, joints, k);
                leaf = false;
            }
        }
        if (leaf) b.append("End Site\n{\nOFFSET 0 -5 0\n}\n");
        b.append("}\n");
    }
}
