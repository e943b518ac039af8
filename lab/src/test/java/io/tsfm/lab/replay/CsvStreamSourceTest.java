package io.tsfm.lab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import io.tsfm.core.data.Units;
import io.tsfm.edge.frame.DeviceFrame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic CSV format as a stream: units, resampling, gaps, bad rows and a live pipe. */
class CsvStreamSourceTest {

    private static Path manifest(Path dir, boolean timestamps) throws IOException {
        String json = """
                {"format_version": 1, "name": "lab_walks", "description": "Watch on the left wrist.", "role": "user",
                 %s "rate_hz": 50,
                 "channels": [
                   {"column": "ax", "name": "acc_x", "kind": "accelerometer", "axis": "x", "unit": "g", "position": "left wrist"},
                   {"column": "gx", "name": "gyro_x", "kind": "gyroscope", "axis": "x", "unit": "deg/s", "position": "left wrist"}],
                 "label_column": "activity"}
                """.formatted(timestamps ? "\"timestamp_column\": \"time_ms\", \"timestamp_unit\": \"ms\", \"max_gap_s\": 0.5," : "");
        Path file = dir.resolve("tsfm-dataset.json");
        Files.writeString(file, json);
        return file;
    }

    private static List<DeviceFrame> readAll(CsvStreamSource source) throws Exception {
        List<DeviceFrame> out = new ArrayList<>();
        for (DeviceFrame f; (f = source.next()) != null; ) out.add(f);
        return out;
    }

    @Test
    void rowsWithoutTimestampsBecomeFramesInCanonicalUnitsAndBadRowsLeaveReportedHoles(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("ax,gx,activity\n");
        for (int i = 0; i < 30; i++) {
            if (i == 12) csv.append("0.5,abc,walking\n");          // non-numeric: skipped, line 14 column 2
            else if (i == 17) csv.append("0.5,walking\n");         // truncated: skipped, line 19 column 3 (the first missing cell)
            else if (i == 20) csv.append(",1.0,walking\n");        // missing acc: carried forward
            else csv.append(i * 0.01).append(',').append(i).append(",walking\n");
        }
        try (CsvStreamSource source = CsvStreamSource.builder().setManifest(manifest(dir, false))
                .setInput(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "walk.csv")
                .optDeviceId("w1").optFrameSeconds(0.1).build()) {
            List<DeviceFrame> frames = readAll(source);
            // rows 0-11 | hole | 13-16 | hole | 18-29: frames of at most 5 rows, never across a hole
            assertThat(frames).extracting(DeviceFrame::length).containsExactly(5, 5, 2, 4, 5, 5, 2);
            assertThat(frames).extracting(DeviceFrame::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
            long t0 = frames.get(0).startMicros();
            assertThat(frames.get(3).startMicros() - t0).as("row 13 at 13 / 50 s").isEqualTo(260_000);
            assertThat(frames.get(4).startMicros() - t0).as("row 18 at 18 / 50 s").isEqualTo(360_000);
            assertThat(frames.get(0).samples()[0][3]).isCloseTo((float) (0.03 * Units.G), offset(1e-6f));
            assertThat(frames.get(0).samples()[1][3]).isCloseTo((float) (3 * Math.PI / 180), offset(1e-6f));
            DeviceFrame withCarried = frames.get(4); // rows 18..22
            assertThat(withCarried.samples()[0][2]).as("row 20 carries row 19's acceleration")
                    .isEqualTo(withCarried.samples()[0][1]);
            assertThat(withCarried.samples()[1][2]).isCloseTo((float) (Math.PI / 180), offset(1e-6f));
            assertThat(frames.get(0).layout().channels()).extracting(c -> c.unit()).containsExactly("m/s^2", "rad/s");
            List<ReadProblem> problems = source.problems();
            assertThat(problems).filteredOn(ReadProblem::fatal).extracting(p -> p.file() + ":" + p.line() + ":" + p.column())
                    .containsExactly("walk.csv:14:2", "walk.csv:19:3");
            assertThat(problems).filteredOn(p -> !p.fatal()).singleElement()
                    .satisfies(p -> assertThat(p.line()).isEqualTo(22)).satisfies(p -> assertThat(p.count()).isEqualTo(1));
        }
    }

    @Test
    void irregularTimestampsAreResampledAndLongGapsStartANewStretch(@TempDir Path dir) throws Exception {
        // 1 kHz-ish irregular rows for 0.3 s, a 1 s silence, then 0.1 s more; acc_x = t in g (linear, so
        // interpolation is exact), epoch milliseconds
        long base = 1_700_000_000_000L;
        StringBuilder csv = new StringBuilder("time_ms,ax,gx,activity\n");
        long[] times = {0, 7, 21, 33, 40, 52, 61, 79, 80, 95, 100, 118, 130, 141, 160, 175, 180, 199, 200, 222, 240,
                251, 260, 270, 290, 300, 1300, 1321, 1340, 1360, 1380, 1400};
        for (long t : times) csv.append(base + t).append(',').append(t / 1000.0).append(",0,walking\n");
        csv.append(base + 1400).append(",9,0,walking\n"); // repeated timestamp: skipped with an error
        try (CsvStreamSource source = CsvStreamSource.builder().setManifest(manifest(dir, true))
                .setInput(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "irregular.csv")
                .optTimeOrigin(CsvStreamSource.TimeOrigin.EPOCH).optFrameSeconds(0.1).build()) {
            List<DeviceFrame> frames = readAll(source);
            assertThat(frames).extracting(DeviceFrame::length).containsExactly(5, 5, 5, 1, 5, 1);
            assertThat(frames.get(0).startMicros()).isEqualTo(base * 1000);
            assertThat(frames.get(3).startMicros()).isEqualTo((base + 300) * 1000);
            assertThat(frames.get(4).startMicros()).as("a new stretch at the first row after the gap").isEqualTo((base + 1300) * 1000);
            for (DeviceFrame f : frames) {
                for (int i = 0; i < f.length(); i++) {
                    double t = (f.startMicros() / 1000.0 - base) / 1000.0 + i / 50.0;
                    assertThat(f.samples()[0][i]).as("acc at %.3f s", t).isCloseTo((float) (t * Units.G), offset(2e-5f));
                }
            }
            assertThat(source.problems()).filteredOn(ReadProblem::fatal).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("repeats"))
                    .satisfies(p -> assertThat(p.line()).isEqualTo(times.length + 2));
        }
    }

    @Test
    void aLivePipeYieldsFramesAsRowsArrive(@TempDir Path dir) throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 16);
        OutputStream out = new PipedOutputStream(in);
        out.write("ax,gx,activity\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 10; i++) out.write((i + ",0,x\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        try (CsvStreamSource source = CsvStreamSource.builder().setManifest(manifest(dir, false)).setInput(in, "stdin")
                .optFrameSeconds(0.1).build()) {
            // the writer is still open: the first two frames must come without waiting for the end of the stream
            assertThat(source.next().samples()[0][0]).isEqualTo(0f);
            assertThat(source.next().samples()[0][0]).isCloseTo((float) (5 * Units.G), offset(1e-4f));
            out.write("10,0,x\n".getBytes(StandardCharsets.UTF_8));
            out.close();
            DeviceFrame last = source.next();
            assertThat(last.length()).isEqualTo(1);
            assertThat(source.next()).isNull();
        }
    }

    @Test
    void aHeaderWithoutTheManifestsColumnsIsAClearError(@TempDir Path dir) throws Exception {
        Path m = manifest(dir, false);
        assertThatThrownBy(() -> CsvStreamSource.builder().setManifest(m)
                .setInput(new ByteArrayInputStream("ax,gyro,activity\n1,2,x\n".getBytes(StandardCharsets.UTF_8)), "bad.csv").build())
                .isInstanceOf(DataFormatException.class).hasMessageContaining("bad.csv").hasMessageContaining("[gx]");
    }
}
