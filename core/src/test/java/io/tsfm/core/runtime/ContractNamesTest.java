package io.tsfm.core.runtime;

import io.tsfm.core.ort.ExecutionDevice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractNamesTest {

    @Test
    void labelEncoderKindsParseTheirWireNamesAndNameTheFieldOtherwise() {
        assertThat(LabelEncoderKind.parse("frozen", "--label-encoder")).isEqualTo(LabelEncoderKind.FROZEN);
        assertThat(LabelEncoderKind.parse("learnable", "--label-encoder")).isEqualTo(LabelEncoderKind.LEARNABLE);
        assertThatThrownBy(() -> LabelEncoderKind.parse("bank", "--label-encoder"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--label-encoder must be frozen or learnable, got 'bank'");
    }

    @Test
    void devicesReadBothSpellingsOfTheGpu() {
        assertThat(ExecutionDevice.parse("cpu", "--device")).isEqualTo(ExecutionDevice.CPU);
        assertThat(ExecutionDevice.parse("cuda", "--device")).isEqualTo(ExecutionDevice.CUDA);
        assertThat(ExecutionDevice.parse("gpu", "--device")).isEqualTo(ExecutionDevice.CUDA);
        assertThatThrownBy(() -> ExecutionDevice.parse("tpu", "--device"))
                .hasMessage("--device must be cpu or cuda (gpu), got 'tpu'");
    }

    @Test
    void jsonCarriesTheWireNames() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(Map.of("d", ExecutionDevice.CPU))).isEqualTo("{\"d\":\"cpu\"}");
        assertThat(json.writeValueAsString(Map.of("e", LabelEncoderKind.LEARNABLE))).isEqualTo("{\"e\":\"learnable\"}");
        assertThat(json.readValue("\"gpu\"", ExecutionDevice.class)).isEqualTo(ExecutionDevice.CUDA);
        assertThat(json.readValue("\"frozen\"", LabelEncoderKind.class)).isEqualTo(LabelEncoderKind.FROZEN);
    }
}
