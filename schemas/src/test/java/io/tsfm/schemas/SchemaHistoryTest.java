package io.tsfm.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.schemas.avro.ImuFrame;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {

    private final SchemaHistory history = SchemaHistory.bundled();
    private final List<WireFormat<?>> formats = List.of(WireFormat.IMU_FRAME, WireFormat.PREDICTION,
            WireFormat.LABEL_SET_UPDATE, WireFormat.DEAD_LETTER);

    @Test
    void newestFrozenVersionIsTheGeneratedSchema() {
        assertThat(history.recordTypes()).hasSize(formats.size());
        for (WireFormat<?> f : formats) {
            List<SchemaHistory.Version> versions = history.versions(f.schema().getFullName());
            assertThat(versions).as(f.schema().getName()).isNotEmpty();
            SchemaHistory.Version newest = versions.get(versions.size() - 1);
            assertThat(newest.fingerprint())
                    .as("%s in src/main/avro changed: freeze it as history/%s.v%d.avsc and list it in INDEX",
                            f.schema().getName(), f.schema().getName(), versions.size() + 1)
                    .isEqualTo(f.fingerprint());
            assertThat(SchemaNormalization.parsingFingerprint64(f.schema())).isEqualTo(f.fingerprint());
        }
    }

    @Test
    void everyReleasedVersionIsReadableByTheCurrentSchemaAndViceVersa() {
        for (WireFormat<?> f : formats) {
            for (SchemaHistory.Version v : history.versions(f.schema().getFullName())) {
                assertThat(compatibility(f.schema(), v.schema())).as("current reads %s", v)
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
                assertThat(compatibility(v.schema(), f.schema())).as("%s reads current", v)
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    @Test
    void imuFrameHasTwoVersionsFoundByFingerprint() {
        List<SchemaHistory.Version> frames = history.versions(ImuFrame.getClassSchema().getFullName());
        assertThat(frames).extracting(SchemaHistory.Version::version).containsExactly(1, 2);
        assertThat(frames.get(0).fingerprint()).isNotEqualTo(frames.get(1).fingerprint());
        for (SchemaHistory.Version v : frames) {
            assertThat(history.findByFingerprint(v.fingerprint())).isSameAs(v.schema());
        }
        assertThat(history.findByFingerprint(12345L)).isNull();
        assertThat(history.find(12345L)).isEmpty();
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }
}
