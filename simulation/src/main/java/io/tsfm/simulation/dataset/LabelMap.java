package io.tsfm.simulation.dataset;

import io.tsfm.simulation.sensor.BodySite;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manifest activities to vocabulary labels. Activities with no fitting synonym group in the label vocabulary
 * are refused with a reason rather than forced into a wrong group.
 *
 * <p>CMU and HDM05 map by the manifest's activity column (CMU's "jump up to grab" trials to {@code jump_up},
 * HDM05's jog to {@code jogging}); Bandai-Namco by its content name, because its "gestures" activity mixes
 * waving (mapped) with bowing, beckoning, pointing the way and acknowledging (refused).
 *
 * <p>A label is simulated only at the sites where it can be seen ({@link #sites}): an arm gesture is done standing,
 * so at the waist, thigh or ankle its signal is standing still, and labelled "wave" it taught the model that standing
 * is waving (measured 2026-12-07: MobiFall's standing windows, phone in a trouser pocket, went to waving).
 */
public final class LabelMap {
    private LabelMap() {}

    /** A vocabulary label, or why the clip is refused. Exactly one of the two is non-null. */
    public record Mapping(String label, String refusal) {
        static Mapping label(String l) { return new Mapping(l, null); }
        static Mapping refuse(String why) { return new Mapping(null, why); }
    }

    private static final Map<String, String> BY_ACTIVITY = Map.ofEntries(
            Map.entry("walking", "walking"),
            Map.entry("running/jogging", "running"),
            Map.entry("jumping", "jumping"),
            Map.entry("climbing (playground)", "climbing"),
            Map.entry("punching/striking", "punching"),
            Map.entry("bending/picking up", "picking_up"),
            Map.entry("sword fighting", "sword_fighting"),
            Map.entry("washing self", "washing_self"),
            Map.entry("basketball dribbling", "dribbling"),
            Map.entry("squats", "squat"),
            Map.entry("throwing", "throw"),
            Map.entry("exercise: elbow-to-knee", "elbow_to_knee"),
            Map.entry("kicking", "kicking"),
            Map.entry("lying down", "lying_down_from_standing"),
            Map.entry("arm exercises", "arm_circles"));

    private static final Map<String, String> REFUSED = Map.of(
            "dancing", "dancing has no group in the label vocabulary",
            "reaching up/grabbing", "reaching up to grab has no group in the label vocabulary");

    private static final Map<String, String> BANDAI = Map.ofEntries(
            Map.entry("walk", "walking"),
            Map.entry("walk-back", "walking_backwards"),
            Map.entry("walk-left", "walking_left"),
            Map.entry("walk-right", "walking_right"),
            Map.entry("run", "running"),
            Map.entry("dash", "running"),
            Map.entry("bye", "wave"),
            Map.entry("byebye", "wave"),
            Map.entry("kick", "kicking"),
            Map.entry("punch", "punching"),
            Map.entry("slash", "sword_fighting"));

    /** Labels whose motion is in the arms while the rest of the body stands: seen at arm sites only. */
    static final Set<String> ARM_ONLY = Set.of("wave", "arm_circles", "washing_self", "punching", "sword_fighting", "throw");

    private static final List<BodySite> ARM_SITES = List.of(BodySite.RIGHT_WRIST, BodySite.LEFT_WRIST,
            BodySite.RIGHT_UPPER_ARM, BodySite.LEFT_UPPER_ARM);
    private static final List<BodySite> ALL_SITES = List.of(BodySite.values());

    /** The sites a label is simulated at, in {@link BodySite} order: arm sites for arm-only labels, else all. */
    public static List<BodySite> sites(String label) {
        return ARM_ONLY.contains(label) ? ARM_SITES : ALL_SITES;
    }

    /** The label of a clip, or its refusal. */
    public static Mapping of(Clip c) {
        if (c.archive().equals("bandai")) {
            String l = BANDAI.get(c.detail());
            if (l != null) return Mapping.label(l);
            if (c.detail().startsWith("dance")) return Mapping.refuse(REFUSED.get("dancing"));
            return Mapping.refuse("gesture '" + c.detail() + "' (bow, beckon, point the way, acknowledge) has no group in the label vocabulary");
        }
        if (c.archive().equals("cmu") && c.activity().equals("jumping") && c.detail().startsWith("jump up to grab")) {
            return Mapping.label("jump_up");
        }
        if (c.archive().equals("hdm05") && c.activity().equals("running/jogging")) return Mapping.label("jogging");
        String l = BY_ACTIVITY.get(c.activity());
        if (l != null) return Mapping.label(l);
        String why = REFUSED.get(c.activity());
        return Mapping.refuse(why != null ? why : "activity '" + c.activity() + "' has no mapping to the label vocabulary");
    }
}
