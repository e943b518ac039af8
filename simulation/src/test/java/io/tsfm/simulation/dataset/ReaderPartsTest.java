package io.tsfm.simulation.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Session;
import io.tsfm.core.labels.LabelVocabulary;
import io.tsfm.datasets.DataRoot;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.catalog.DatasetCatalog;
import io.tsfm.simulation.sensor.BodySite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's parts that need no archive: registration, location rule, label map, cache round trip. */
class ReaderPartsTest {

    @Test
    void registeredAsATrainingSourceWhoseArchivesLiveNextToTheDataRoot(@TempDir Path dir) throws Exception {
        var r = DatasetCatalog.load().get("mocap_sim");
        assertThat(r).isInstanceOf(MocapSimReader.class);
        assertThat(r.info().role()).isEqualTo(DatasetRole.TRAIN);
        // the catalog's conventions (ReaderCatalogTest in core): a 2-3 sentence description, a hint naming the dataset
        assertThat(r.info().description().split("\\. ")).hasSizeBetween(2, 4);
        assertThat(r.info().description()).contains("Simulated", "motion capture");
        assertThat(r.info().downloadHint()).contains("mocap_sim");
        Path data = Files.createDirectories(dir.resolve("datasets"));
        Path mocap = Files.createDirectories(dir.resolve("mocap"));
        String saved = System.getProperty(MocapSimReader.ROOT_PROPERTY);
        System.clearProperty(MocapSimReader.ROOT_PROPERTY);
        try {
            if (System.getenv(MocapSimReader.ROOT_ENV) == null) {
                assertThat(r.locate(DataRoot.of(data))).isEmpty();
                Files.write(mocap.resolve("hdm05.zip"), new byte[0]);
                assertThat(r.locate(DataRoot.of(data))).contains(mocap);
            }
            Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
            Files.write(elsewhere.resolve("cmu_mocap.zip"), new byte[0]);
            System.setProperty(MocapSimReader.ROOT_PROPERTY, elsewhere.toString());
            assertThat(r.locate(DataRoot.of(data))).contains(elsewhere);
        } finally {
            if (saved == null) System.clearProperty(MocapSimReader.ROOT_PROPERTY);
            else System.setProperty(MocapSimReader.ROOT_PROPERTY, saved);
        }
    }

    @Test
    void everyMappedLabelIsInTheVocabularyAndUngroupableActivitiesAreRefused() {
        LabelVocabulary v = LabelVocabulary.defaults();
        String[][] cases = { // archive, activity, detail, expected label or null
            {"cmu", "walking", "walk", "walking"}, {"cmu", "jumping", "jump up to grab, reach for, tiptoe", "jump_up"},
            {"cmu", "climbing (playground)", "", "climbing"}, {"cmu", "washing self", "", "washing_self"},
            {"cmu", "basketball dribbling", "", "dribbling"}, {"cmu", "punching/striking", "", "punching"},
            {"cmu", "sword fighting", "", "sword_fighting"}, {"cmu", "bending/picking up", "", "picking_up"},
            {"cmu", "dancing", "", null},
            {"hdm05", "running/jogging", "jogLeftCircle4StepsRstart", "jogging"}, {"hdm05", "squats", "", "squat"},
            {"hdm05", "arm exercises", "", "arm_circles"}, {"hdm05", "exercise: elbow-to-knee", "", "elbow_to_knee"},
            {"hdm05", "lying down", "", "lying_down_from_standing"}, {"hdm05", "throwing", "", "throw"},
            {"hdm05", "kicking", "", "kicking"}, {"hdm05", "reaching up/grabbing", "", null},
            {"bandai", "walking", "walk-back", "walking_backwards"}, {"bandai", "running/jogging", "dash", "running"},
            {"bandai", "gestures (bow/wave/point/call)", "byebye", "wave"},
            {"bandai", "gestures (bow/wave/point/call)", "bow", null}, {"bandai", "dancing", "dance-short", null}};
        for (String[] c : cases) {
            LabelMap.Mapping m = LabelMap.of(new Clip(c[0], "x", "x.bvh", "", 120, "s", c[1], c[2], "M.csv", 2));
            assertThat(m.label()).as("%s %s %s", c[0], c[1], c[2]).isEqualTo(c[3]);
            if (c[3] == null) assertThat(m.refusal()).contains("no group");
            else assertThat(v.contains(c[3])).as(c[3]).isTrue();
        }
        assertThat(v.groupOf("punching")).isEqualTo("boxing");
        assertThat(v.groupOf("elbow_to_knee")).isEqualTo("trunk_twist");
    }

    @Test
    void armGesturesAreSimulatedAtArmSitesOnlyAndWholeBodyMotionEverywhere() {
        // standing still at the thigh labelled "wave" taught the model that a pocket phone standing is waving
        assertThat(LabelMap.sites("wave")).containsExactly(BodySite.RIGHT_WRIST, BodySite.LEFT_WRIST,
                BodySite.RIGHT_UPPER_ARM, BodySite.LEFT_UPPER_ARM);
        for (String l : List.of("arm_circles", "washing_self", "punching", "sword_fighting", "throw")) {
            assertThat(LabelMap.sites(l)).as(l).doesNotContain(BodySite.RIGHT_THIGH, BodySite.WAIST, BodySite.LEFT_ANKLE)
                    .contains(BodySite.RIGHT_WRIST);
        }
        for (String l : List.of("walking", "jumping", "running", "squat", "kicking", "lying_down_from_standing")) {
            assertThat(LabelMap.sites(l)).as(l).containsExactly(BodySite.values());
        }
    }

    @Test
    void theCacheGivesBackWhatWasWritten(@TempDir Path dir) throws Exception {
        float[][] x = new float[6][5];
        for (int c = 0; c < 6; c++) for (int t = 0; t < 5; t++) x[c][t] = c * 10 + t + 0.25f;
        Session s = new Session("cmu_02_01_right_thigh", MocapSimReader.NAME, "cmu_02", "walking", 50,
                MocapSimReader.channels(BodySite.RIGHT_THIGH), x, "cmu_mocap.zip!02_01.bvh");
        ReadProblem p = new ReadProblem("M.csv", 18, 0, "refused: dancing", 19, true);
        Path f = dir.resolve("c.bin");
        SimulationCache.write(f, List.of(s), List.of(p));
        SimulationCache.Content back = SimulationCache.read(f);
        assertThat(back.problems()).containsExactly(p);
        Session b = back.sessions().get(0);
        assertThat(b.id()).isEqualTo(s.id());
        assertThat(b.channels()).isEqualTo(s.channels());
        assertThat(b.channels().get(0).description()).isEqualTo("Accelerometer X-axis (right thigh)");
        assertThat(b.samples()).isDeepEqualTo(x);
        assertThat(b.rateHz()).isEqualTo(50);
        assertThat(b.label() + b.subject() + b.source()).isEqualTo(s.label() + s.subject() + s.source());
    }
}
