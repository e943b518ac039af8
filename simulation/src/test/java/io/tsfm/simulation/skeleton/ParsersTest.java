package io.tsfm.simulation.skeleton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.DataFormatException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** BVH and ASF/AMC parsing: channel orders, units, the ASF bone axis, and errors that name file and line. */
class ParsersTest {
    private static final String BVH_HEAD = "HIERARCHY\n"                       // line 1
            + "ROOT hip\n{\n  OFFSET 0 0 0\n"                                    // 2-4
            + "  CHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation\n" // 5
            + "  JOINT knee\n  {\n    OFFSET 0 -45 0\n"                          // 6-8
            + "    CHANNELS 3 Xrotation Zrotation Yrotation\n"                   // 9
            + "    End Site\n    {\n      OFFSET 0 -45 0\n    }\n  }\n}\n"       // 10-15
            + "MOTION\nFrames: 2\nFrame Time: 0.01\n";                           // 16-18

    @Test
    void bvhFollowsEachJointsChannelOrderAndInfersCentimetres() throws Exception {
        // knee: Xrotation 90 then Zrotation 90 in that order: R = Rx(90)·Rz(90)
        Motion m = BvhParser.parse(new StringReader(BVH_HEAD + "10 90 0 0 0 0 90 90 0\n10 90 0 0 0 0 90 90 0\n"), "t.bvh");
        assertThat(m.fps()).isCloseTo(100, within(1e-9));
        int end = m.skeleton().indexOf("knee_end");
        ForwardKinematics.Poses p = ForwardKinematics.compute(m, new int[] {end});
        // Rx(90)·Rz(90)·(0, −0.45, 0) = Rx(90)·(0.45, 0, 0) = (0.45, 0, 0): the knee's end is 45 cm along +x of the
        // knee at (0.1, 0.9 − 0.45, 0) m in the Y-up file frame; the other order, Rz·Rx, would give (0, 0, −0.45)
        double[] fileFrame = {0.1 + 0.45, 0.45, 0};
        double[] world = Rot.apply(ForwardKinematics.Y_UP_TO_Z_UP, fileFrame);
        for (int c = 0; c < 3; c++) assertThat(p.pos()[0][0][c]).isCloseTo(world[c], within(1e-9));
        assertThat(world[2]).as("file y is world z").isCloseTo(0.45, within(1e-12));
    }

    @Test
    void malformedBvhNamesFileAndLine() {
        String bad = BVH_HEAD + "10 90 0 0 0 0 90 90 0\n10 90 0 0 zero 0 90 90 0\n";
        assertThatThrownBy(() -> BvhParser.parse(new StringReader(bad), "clips/bad.bvh"))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("clips/bad.bvh, line 20, column 5: value 5 of frame 2 is not a number: 'zero'");
        String shortRow = BVH_HEAD + "10 90 0 0 0 0 90 90\n";
        assertThatThrownBy(() -> BvhParser.parse(new StringReader(shortRow), "short.bvh"))
                .hasMessage("short.bvh, line 19: frame 1 has 8 values, the hierarchy declares 9 channels");
        String badChannel = BVH_HEAD.replace("Xrotation Zrotation", "Xrotation Wrotation");
        assertThatThrownBy(() -> BvhParser.parse(new StringReader(badChannel), "ch.bvh"))
                .hasMessage("ch.bvh, line 9: unknown channel 'Wrotation' of joint knee");
        String truncated = BVH_HEAD + "10 90 0 0 0 0 90 90 0\n";
        assertThatThrownBy(() -> BvhParser.parse(new StringReader(truncated), "cut.bvh"))
                .hasMessageStartingWith("cut.bvh, line 19: file ends after 1 of the 2 frames");
    }

    private static final String ASF = "# test skeleton\n"        // 1
            + ":version 1.10\n:name T\n:units\n  mass 1.0\n  length 0.45\n  angle deg\n" // 2-7
            + ":root\n   order TX TY TZ RX RY RZ\n   axis XYZ\n   position 0 0 0\n   orientation 0 0 0\n" // 8-12
            + ":bonedata\n  begin\n     id 1\n     name arm\n     direction 1 0 0\n     length 9\n" // 13-18
            + "     axis 0 0 90 XYZ\n    dof rx\n    limits (-180.0 180.0)\n  end\n"                   // 19-22
            + ":hierarchy\n  begin\n    root arm\n  end\n";

    @Test
    void asfBoneAxisAndUnitsAreHonoured() throws Exception {
        AsfAmc.Asf asf = AsfAmc.parseAsf(new StringReader(ASF), "t.asf");
        assertThat(asf.metresPerUnit()).isCloseTo(0.0254 / 0.45, within(1e-12));
        String amc = ":FULLY-SPECIFIED\n:DEGREES\n1\nroot 0 17 0 0 0 0\narm 90\n";
        Motion m = AsfAmc.parseAmc(asf, new StringReader(amc), "t.amc", 120);
        ForwardKinematics.Poses p = ForwardKinematics.compute(m, new int[] {m.skeleton().indexOf("arm_end")});
        // the bone's rx is about its local x, which the axis (z 90°) turns onto the file's y: a 90° turn about y
        // takes the bone from +x to −z (a plain Rx would leave it on +x)
        double u = 0.0254 / 0.45;
        double[] file = {0, 17 * u, -9 * u};
        double[] world = Rot.apply(ForwardKinematics.Y_UP_TO_Z_UP, file);
        for (int c = 0; c < 3; c++) assertThat(p.pos()[0][0][c]).isCloseTo(world[c], within(1e-9));
    }

    @Test
    void malformedAmcNamesFileAndLine() throws Exception {
        AsfAmc.Asf asf = AsfAmc.parseAsf(new StringReader(ASF), "t.asf");
        String badValue = ":DEGREES\n1\nroot 0 17 0 0 0 0\narm 90\n2\nroot 0 17 0 0 0 0\narm ninety\n";
        assertThatThrownBy(() -> AsfAmc.parseAmc(asf, new StringReader(badValue), "motions/bad.amc", 120))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("motions/bad.amc, line 7, column 2: value 1 of bone arm is not a number: 'ninety'");
        String unknownBone = ":DEGREES\n1\nroot 0 17 0 0 0 0\nleg 90\n";
        assertThatThrownBy(() -> AsfAmc.parseAmc(asf, new StringReader(unknownBone), "u.amc", 120))
                .hasMessage("u.amc, line 4, column 1: unknown bone 'leg' (not in the ASF)");
        String missingBone = ":DEGREES\n1\nroot 0 17 0 0 0 0\n2\nroot 0 17 0 0 0 0\narm 1\n";
        assertThatThrownBy(() -> AsfAmc.parseAmc(asf, new StringReader(missingBone), "m.amc", 120))
                .hasMessage("m.amc, line 2: frame 1 has 1 bone lines, the ASF has 2 bones with a DOF");
        String badAsf = ASF.replace("direction 1 0 0", "direction 1 zero 0");
        assertThatThrownBy(() -> AsfAmc.parseAsf(new StringReader(badAsf), "bad.asf"))
                .hasMessage("bad.asf, line 17: 'direction': not a number: 'zero'");
    }
}
