package io.tsfm.simulation.sensor;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.simulation.skeleton.Skeleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * The skeleton rigs of the three archives, recognised by a joint name only they use, and where each
 * {@link BodySite} sits on them. A site is a point on a segment: {@code fraction} of the way from joint
 * {@code from} to joint {@code to} (a joint is the proximal end of its segment), carried by the orientation of
 * joint {@code orient}. Orientation joints are the ones that carry the segment's twist where the rig has twist
 * bones (CC3), so a watch turns with forearm pronation.
 */
public enum Rig {
    /** CMU via cgspeed's "Daz-friendly" BVH (43 joints, cm). */
    CGSPEED("rThigh", "hip", "abdomen", 0.0, "chest", "neck", "head", "head",
            "%sShldr", "%sForeArm", "%sForeArm", "%sHand", "%sThigh", "%sShin", "%sShin", "%sFoot", "r", "l"),
    /** CMU retargeted onto Reallusion CC3 (iClone; 100 joints, cm). */
    CC3("CC_Base_R_Thigh", "CC_Base_Hip", "CC_Base_Waist", 0.0, "CC_Base_Spine02", "CC_Base_NeckTwist01", "CC_Base_Head",
            "CC_Base_Head", "CC_Base_%s_Upperarm", "CC_Base_%s_Forearm", "CC_Base_%s_Forearm", "CC_Base_%s_Hand",
            "CC_Base_%s_Thigh", "CC_Base_%s_Calf", "CC_Base_%s_Calf", "CC_Base_%s_Foot", "R", "L") {
        @Override
        String orientation(BodySite site, String proximal) {
            // CC3 moves long-axis twist into child twist bones; the distal one carries all of it
            switch (site) {
                case RIGHT_WRIST: case LEFT_WRIST: return proximal.replace("Forearm", "ForearmTwist02");
                case RIGHT_UPPER_ARM: case LEFT_UPPER_ARM: return proximal.replace("Upperarm", "UpperarmTwist02");
                case RIGHT_THIGH: case LEFT_THIGH: return proximal.replace("Thigh", "ThighTwist02");
                case RIGHT_ANKLE: case LEFT_ANKLE: return proximal.replace("Calf", "CalfTwist02");
                default: return proximal;
            }
        }
    },
    /** CMU ASF bone names (HDM05 ASF/AMC, CMU 16_xx BVH): a joint sits at its bone's start. */
    CMU_ASF("rfemur", "#root", "lowerback", 0.0, "thorax", "lowerneck", "head", "head_end",
            "%shumerus", "%sradius", "%sradius", "%swrist", "%sfemur", "%stibia", "%stibia", "%sfoot", "r", "l"),
    /** CMU via bvh11's 3ds-Max-friendly BVH (31 joints, CMU units). */
    BVH11("RightHip", "Hips", "lowerback", 0.0, "Chest2", "lowerneck", "Head", "Head_end",
            "%sShoulder", "%sElbow", "%sElbow", "%sWrist", "%sHip", "%sKnee", "%sKnee", "%sAnkle", "Right", "Left"),
    /** Bandai-Namco Research Motiondataset (22 joints, cm). */
    BANDAI("UpperLeg_R", "Hips", "Spine", 0.0, "Chest", "Neck", "Head", "Head_end",
            "UpperArm_%s", "LowerArm_%s", "LowerArm_%s", "Hand_%s", "UpperLeg_%s", "LowerLeg_%s", "LowerLeg_%s",
            "Foot_%s", "R", "L");

    /** Stands for the root joint, whatever its name ({@code root} in ASF, {@code hip} in CMU's 16_xx BVH). */
    public static final String ROOT = "#root";

    /** Where on a segment a site sits, as fractions from the proximal joint: upper arm and thigh mid-to-upper, wrist and ankle distal. */
    static final double UPPER_ARM_AT = 0.5, WRIST_AT = 0.9, THIGH_AT = 0.35, ANKLE_AT = 0.85, CHEST_AT = 0.5, HEAD_AT = 0.5;

    /**
     * A site on one rig.
     *
     * @param orient   joint whose orientation the sensor shares
     * @param from     segment start joint
     * @param to       segment end joint
     * @param fraction where between them, 0 = at {@code from}
     */
    public record Mount(String orient, String from, String to, double fraction) {}

    private final String marker;
    private final Map<BodySite, Mount> mounts = new EnumMap<>(BodySite.class);

    Rig(String marker, String waist, String waistTo, double waistAt, String chest, String chestTo, String head, String headTo,
        String upperArm, String elbow, String forearm, String hand, String thigh, String knee, String shin, String foot,
        String right, String left) {
        this.marker = marker;
        mounts.put(BodySite.WAIST, new Mount(waist, waist, waistTo, waistAt));
        mounts.put(BodySite.CHEST, new Mount(chest, chest, chestTo, CHEST_AT));
        mounts.put(BodySite.HEAD, new Mount(head, head, headTo, head.equals(headTo) ? 0 : HEAD_AT));
        for (String side : new String[] {right, left}) {
            boolean r = side.equals(right);
            put(r ? BodySite.RIGHT_UPPER_ARM : BodySite.LEFT_UPPER_ARM, upperArm, elbow, UPPER_ARM_AT, side);
            put(r ? BodySite.RIGHT_WRIST : BodySite.LEFT_WRIST, forearm, hand, WRIST_AT, side);
            put(r ? BodySite.RIGHT_THIGH : BodySite.LEFT_THIGH, thigh, knee, THIGH_AT, side);
            put(r ? BodySite.RIGHT_ANKLE : BodySite.LEFT_ANKLE, shin, foot, ANKLE_AT, side);
        }
    }

    private void put(BodySite site, String from, String to, double at, String side) {
        String f = String.format(from, side);
        mounts.put(site, new Mount(f, f, String.format(to, side), at));
    }

    /** The joint whose orientation a site's sensor follows; the segment joint unless a twist bone carries more. */
    String orientation(BodySite site, String proximal) {
        return proximal;
    }

    /** Where {@code site} sits on this rig. */
    public Mount mount(BodySite site) {
        Mount m = mounts.get(site);
        return new Mount(orientation(site, m.orient()), m.from(), m.to(), m.fraction());
    }

    /**
     * Seconds at the start of a clip that are not motion: cgspeed's conversions start at the rest pose and blend into
     * the take over their first 6 to 8 frames (at 120 fps; seen in every one checked: the arms swing down from the
     * T-pose in 0.06 s, over 1000 m/s² at the hands), which a virtual IMU would read as a violent jolt. 0.1 s for
     * {@link #CGSPEED}, none for the others.
     */
    public double leadInSeconds() {
        return this == CGSPEED ? 0.1 : 0;
    }

    /** The rig of a skeleton, by its marker joint; an unknown rig is a format error naming the file. */
    public static Rig detect(Skeleton s) {
        for (Rig r : values()) {
            if (s.indexOf(r.marker) >= 0) return r;
        }
        throw new DataFormatException(s.name(), 0, 0, "unknown skeleton rig (none of the joints rThigh, CC_Base_R_Thigh,"
                + " rfemur, RightHip, UpperLeg_R); cannot place virtual sensors");
    }
}
