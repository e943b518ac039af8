package io.tsfm.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tsfm.core.serving.LabelSetEntry;
import io.tsfm.core.serving.ScoredWindow;
import io.tsfm.job.decode.Decoded;
import io.tsfm.job.decode.Frame;
import io.tsfm.job.decode.LayoutSpec;
import io.tsfm.job.decode.RejectedWindow;
import io.tsfm.job.decode.Rejection;
import io.tsfm.job.decode.SourceRecord;
import io.tsfm.job.window.BufferedFrame;
import io.tsfm.job.window.DeviceWindow;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every type the job sends between operators or keeps in state is a Flink POJO (records count): serialized field by
 * field, never through Kryo, which is slow and breaks state compatibility on class changes.
 */
class FlinkTypesTest {

    @Test
    void everyStreamAndStateTypeIsAPojoWithoutKryoFields() {
        for (Class<?> type : List.of(Decoded.class, Frame.class, LayoutSpec.class, SourceRecord.class, Rejection.class,
                LabelSetEntry.class, ScoredWindow.class, BufferedFrame.class, DeviceWindow.class,
                RejectedWindow.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                TypeSerializer<?> field = pojo.getTypeAt(i).createSerializer(new SerializerConfigImpl());
                assertThat(field).as("%s.%s", type.getSimpleName(), pojo.getPojoFieldAt(i).getField().getName())
                        .isNotInstanceOf(KryoSerializer.class);
            }
        }
    }
}
