package io.tsfm.datasets.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.SensorKind;
import io.tsfm.core.data.Session;
import io.tsfm.core.data.Units;
import io.tsfm.datasets.Dataset;
import io.tsfm.datasets.DatasetRole;
import io.tsfm.datasets.DatasetSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericCsvReaderTest {
    @TempDir
    Path dir;

    private static final String CHANNELS = "\"channels\": ["
            + "{\"column\": \"ax\", \"name\": \"acc_x\", \"kind\": \"accelerometer\", \"axis\": \"x\", \"unit\": \"g\", \"position\": \"left wrist\"},"
            + "{\"column\": \"gz\", \"name\": \"gyro_z\", \"kind\": \"gyroscope\", \"axis\": \"z\", \"unit\": \"deg/s\", \"position\": \"left wrist\","
            + " \"description\": \"Watch gyroscope Z-axis (left wrist)\"}]";

    private void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private Dataset read() throws IOException {
        GenericCsvReader r = GenericDatasets.load(dir);
        try (DatasetSource src = DatasetSource.open(dir)) {
            return r.read(src);
        }
    }

    @Test
    void labelColumnRunsBecomeSessionsInCanonicalUnits() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"Watch IMU on the left wrist.\", \"role\": \"user\","
                + "\"rate_hz\": 10, " + CHANNELS + ", \"label_column\": \"activity\", \"subject_column\": \"who\","
                + "\"ignore_labels\": [\"0\"]}");
        write("rec1.csv", "ax,gz,activity,who\n"
                + "1.0,90,walking,s1\n2.0,180,walking,s1\n3.0,0,walking,s1\n"
                + "0.5,0,0,s1\n"                       // null class: skipped on purpose, ends the run
                + "0.1,45,sitting,s1\n0.2,45,sitting,s1\n"
                + "0.3,45,sitting,s2\n0.4,45,sitting,s2\n");

        Dataset d = read();

        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).extracting(Session::id).containsExactly("rec1_000", "rec1_001", "rec1_002");
        assertThat(d.sessions()).extracting(Session::label).containsExactly("walking", "sitting", "sitting");
        assertThat(d.sessions()).extracting(Session::subject).containsExactly("s1", "s1", "s2");
        Session walk = d.sessions().get(0);
        assertThat(walk.rateHz()).isEqualTo(10.0);
        assertThat(walk.length()).isEqualTo(3);
        assertThat(walk.samples()[0][1]).isCloseTo((float) (2.0 * Units.G), within(1e-4f));
        assertThat(walk.samples()[1][1]).isCloseTo((float) Math.PI, within(1e-5f));
        assertThat(walk.channels().get(0).unit()).isEqualTo("m/s^2");
        assertThat(walk.channels().get(0).description()).isEqualTo("Accelerometer X-axis (left wrist)");
        assertThat(walk.channels().get(1).description()).isEqualTo("Watch gyroscope Z-axis (left wrist)");
        assertThat(walk.source()).isEqualTo("rec1.csv:2-4");
        assertThat(d.manifest().subjects()).isEqualTo(2);
        assertThat(d.manifest().role()).isEqualTo(DatasetRole.USER);
        assertThat(d.manifest().labels()).containsExactly("sitting", "walking");
        assertThat(d.manifest().sourceUnits()).containsEntry(SensorKind.ACCELEROMETER, "g")
                .containsEntry(SensorKind.GYROSCOPE, "deg/s");
        assertThat(d.manifest().resampling()).isEqualTo("none");
    }

    @Test
    void irregularTimestampsAreResampledLinearlyAndGapsSplitSessions() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"zero_shot\", \"rate_hz\": 10,"
                + "\"timestamp_column\": \"t\", \"timestamp_unit\": \"ms\", \"max_gap_s\": 0.5, " + CHANNELS + ","
                + "\"label_column\": \"activity\"}");
        // ax = t (in s, as g) is linear in time, so interpolation must reproduce it exactly at the grid points
        StringBuilder b = new StringBuilder("t,ax,gz,activity\n");
        double[] ts = {0, 70, 130, 250, 260, 390, 400};
        for (double t : ts) b.append((long) t).append(',').append(t / 1000).append(",0,walking\n");
        b.append("2000,2.0,0,walking\n2100,2.1,0,walking\n2250,2.25,0,walking\n"); // after a 1.6 s gap
        write("a.csv", b.toString());

        Dataset d = read();

        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).hasSize(2);
        Session first = d.sessions().get(0);
        assertThat(first.length()).isEqualTo(5); // grid 0, 0.1, 0.2, 0.3, 0.4 s
        for (int k = 0; k < 5; k++) {
            assertThat(first.samples()[0][k]).isCloseTo((float) (k * 0.1 * Units.G), within(1e-4f));
        }
        Session second = d.sessions().get(1);
        assertThat(second.length()).isEqualTo(3); // 2.0, 2.1, 2.2 s
        assertThat(second.samples()[0][2]).isCloseTo((float) (2.2 * Units.G), within(1e-4f));
        assertThat(d.manifest().resampling()).contains("linear interpolation").contains("10 Hz").contains("'t' (ms)");
        assertThat(d.manifest().role()).isEqualTo(DatasetRole.ZERO_SHOT);
    }

    @Test
    void perFileLabelsFromFilesMapAndFromFilePattern() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 50, "
                + CHANNELS + ", \"files\": {\"x/one.csv\": {\"label\": \"Walking Upstairs\", \"subject\": \"p7\"},"
                + "\"two.csv\": {\"label\": \"jogging\"}}}");
        write("x/one.csv", "ax,gz\n0,0\n1,1\n");
        write("two.csv", "ax,gz\n0,0\n1,1\n2,2\n");
        write("ignored.csv", "ax,gz\n0,0\n");

        Dataset d = read();

        assertThat(d.problems()).isEmpty();
        assertThat(d.sessions()).extracting(Session::id).containsExactly("two_000", "x/one_000");
        assertThat(d.sessions()).extracting(Session::label).containsExactly("jogging", "walking_upstairs");
        assertThat(d.sessions()).extracting(Session::subject).containsExactly("two", "p7");

        Files.delete(dir.resolve("tsfm-dataset.json"));
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 50, "
                + CHANNELS + ", \"file_pattern\": \"(?<subject>s\\\\d+)(_(?<label>[a-z_]+))?\\\\.csv\"}");
        Files.delete(dir.resolve("x/one.csv"));
        Files.delete(dir.resolve("two.csv"));
        Files.delete(dir.resolve("ignored.csv"));
        write("s1_running.csv", "ax,gz\n0,0\n1,1\n");
        write("s2_cycling.csv", "ax,gz\n0,0\n1,1\n");
        write("notes.csv", "ax,gz\n0,0\n1,1\n");
        write("s3.csv", "ax,gz\n0,0\n1,1\n"); // matches, but names no label

        Dataset p = read();

        assertThat(p.sessions()).extracting(s -> s.subject() + ":" + s.label())
                .containsExactly("s1:running", "s2:cycling");
        assertThat(p.problems()).extracting(ReadProblem::file).containsExactly("notes.csv", "s3.csv");
        assertThat(p.problems().get(0).message()).contains("file_pattern");
        assertThat(p.problems().get(1).message()).contains("no label");
    }

    @Test
    void badRowsAreReportedWithFileLineAndColumnAndTheRestStillReads() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 10,"
                + "\"timestamp_column\": \"t\", \"timestamp_unit\": \"s\", " + CHANNELS + ", \"label_column\": \"activity\"}");
        write("bad.csv", String.join("\n",
                "t,ax,gz,activity",          // line 1
                "0.0,1,0,walking",           // 2
                "0.1,1,0,walking",           // 3
                "0.2,abc,0,walking",         // 4 non-numeric cell (column 2)
                "0.3,1,0,walking",           // 5
                "0.4,1",                     // 6 truncated row
                "0.5,NaN,0,walking",         // 7 NaN: repaired
                "0.6,1,Inf,walking",         // 8 Inf: repaired
                "0.7,1,0,walking",           // 9
                "0.45,1,0,walking",          // 10 timestamp goes backwards by more than 2 periods (column 1)
                "0.75,1,0,walking",          // 11
                "0.85,1,0,moonwalking",      // 12 label outside the vocabulary (column 4)
                "0.95,1,0,moonwalking",      // 13
                "1.05,1,0,walking",          // 14
                "1.15,1,0,walking") + "\n"); // 15
        write("good.csv", "t,ax,gz,activity\n0,0,0,sitting\n0.1,0,0,sitting\n");

        Dataset d = read();

        List<String> where = d.problems().stream().filter(ReadProblem::fatal)
                .map(p -> p.file() + ":" + p.line() + ":" + p.column()).collect(Collectors.toList());
        assertThat(where).containsExactly("bad.csv:4:2", "bad.csv:6:3", "bad.csv:10:1", "bad.csv:12:4");
        assertThat(d.problems()).filteredOn(ReadProblem::fatal).extracting(ReadProblem::message)
                .anySatisfy(m -> assertThat(m).contains("not a number: 'abc'"))
                .anySatisfy(m -> assertThat(m).contains("truncated"))
                .anySatisfy(m -> assertThat(m).contains("goes backwards"))
                .anySatisfy(m -> assertThat(m).contains("'moonwalking'").contains("2 rows skipped"));
        ReadProblem repaired = d.problems().stream().filter(p -> !p.fatal() && p.message().contains("NaN/Inf"))
                .findFirst().orElseThrow();
        assertThat(repaired.count()).isEqualTo(2);
        assertThat(repaired.message()).contains("NaN/Inf");

        // every skipped row ends its session: line 5 is left alone (too short, a warning), 7-9 is whole
        assertThat(d.sessions()).extracting(Session::source).containsExactly(
                "bad.csv:2-3", "bad.csv:7-9", "bad.csv:10-11", "bad.csv:14-15", "good.csv:2-3");
        assertThat(d.problems()).noneMatch(p -> p.message().contains("repeats or steps back"));
        Session repairedSession = d.sessions().stream().filter(s -> s.source().equals("bad.csv:7-9")).findFirst().orElseThrow();
        for (float[] ch : repairedSession.samples()) for (float v : ch) assertThat(Float.isFinite(v)).isTrue();
        assertThat(repairedSession.samples()[0][0]).isCloseTo((float) Units.G, within(1e-4f)); // NaN back-filled
        assertThat(d.problems()).filteredOn(p -> !p.fatal() && p.message().contains("shorter than 2"))
                .singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(5));
    }

    @Test
    void repeatedAndSlightlyBackwardTimestampsDropTheirRowNotTheSession() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 10,"
                + "\"max_gap_s\": 0.5, \"timestamp_column\": \"t\", \"timestamp_unit\": \"ms\", " + CHANNELS
                + ", \"label_column\": \"activity\"}");
        write("jitter.csv", String.join("\n",
                "t,ax,gz,activity",          // line 1
                "0,0,0,walking",             // 2
                "100,1,0,walking",           // 3
                "100,9,0,walking",           // 4 repeats line 3: dropped
                "200,2,0,walking",           // 5
                "150,9,0,walking",           // 6 half a period back: dropped
                "300,3,0,walking",           // 7
                "120,9,0,walking",           // 8 1.8 periods back: dropped
                "400,4,0,walking",           // 9
                "1000,6,0,walking",          // 10 a 0.6 s gap (> max_gap_s): the only split
                "1100,7,0,walking") + "\n"); // 11

        Dataset d = read();

        assertThat(d.sessions()).extracting(Session::source).containsExactly("jitter.csv:2-9", "jitter.csv:10-11");
        float[] ax = d.sessions().get(0).samples()[0];
        assertThat(ax).hasSize(5);
        for (int k = 0; k < 5; k++) assertThat(ax[k]).isCloseTo((float) (k * Units.G), within(1e-4f));
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.fatal()).isFalse();
            assertThat(p.file()).isEqualTo("jitter.csv");
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(1);
            assertThat(p.count()).isEqualTo(3);
            assertThat(p.message()).contains("repeats or steps back by at most 2 sample periods dropped");
        });
    }

    @Test
    void missingColumnSkipsOnlyThatFile() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 10, "
                + CHANNELS + ", \"label_column\": \"activity\"}");
        write("a.csv", "ax,activity\n1,walking\n2,walking\n");
        write("b.csv", "ax,gz,activity\n1,0,walking\n2,0,walking\n");

        Dataset d = read();

        assertThat(d.sessions()).extracting(Session::id).containsExactly("b_000");
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("a.csv");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("'gz' (channels[1].column)").contains("file skipped");
        });
    }

    @Test
    void declaredLabelsAndLabelMapDefineTheVocabulary() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 10, "
                + CHANNELS + ", \"label_column\": \"code\", \"labels\": [\"Squat Jump\", \"rest\"],"
                + "\"label_map\": {\"1\": \"squat jump\", \"2\": \"rest\"}}");
        write("a.csv", "ax,gz,code\n1,0,1\n1,0,1\n1,0,2\n1,0,2\n1,0,3\n1,0,3\n");

        Dataset d = read();

        assertThat(d.sessions()).extracting(Session::label).containsExactly("squat_jump", "rest");
        assertThat(d.manifest().labels()).containsExactly("rest", "squat_jump");
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("'3'").contains("'labels'");
        });
    }

    @Test
    void labelsDeclaredInSynonymGroupsAreReadAndADeclaredLabelThatNeverOccursIsAWarning() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 10, "
                + CHANNELS + ", \"label_column\": \"activity\","
                + "\"synonym_groups\": {\"turning\": [\"turning\", \"turn_around\"], \"walking\": [\"walk_fast\"]}}");
        write("a.csv", "ax,gz,activity\n1,0,turning\n1,0,turning\n1,0,walk fast\n1,0,walk fast\n"
                + "1,0,moonwalking\n1,0,moonwalking\n");

        Dataset d = read();

        assertThat(d.sessions()).extracting(Session::label).containsExactly("turning", "walk_fast");
        assertThat(d.manifest().synonymGroups()).containsEntry("turning", List.of("turning", "turn_around"))
                .containsEntry("walking", List.of("walk_fast"));
        assertThat(d.problems()).hasSize(2);
        // an undeclared label outside the vocabulary is still a bad label: its rows are skipped with an error
        assertThat(d.problems().get(0)).satisfies(p -> {
            assertThat(p.fatal()).isTrue();
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("'moonwalking'").contains("'synonym_groups'");
        });
        assertThat(d.problems().get(1)).satisfies(p -> {
            assertThat(p.fatal()).isFalse();
            assertThat(p.file()).isEqualTo("tsfm-dataset.json");
            assertThat(p.message()).isEqualTo("field 'synonym_groups[\"turning\"]': label 'turn_around' never occurs "
                    + "in the data read");
        });
    }

    @Test
    void aFolderWithoutDataFilesIsAnError() throws IOException {
        write("tsfm-dataset.json", "{\"name\": \"lab\", \"description\": \"d\", \"role\": \"user\", \"rate_hz\": 10, "
                + CHANNELS + ", \"label_column\": \"activity\"}");
        assertThatThrownBy(this::read).isInstanceOf(IOException.class).hasMessageContaining("no data files");
    }
}
