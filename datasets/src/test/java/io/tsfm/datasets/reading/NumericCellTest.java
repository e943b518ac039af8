package io.tsfm.datasets.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumericCellTest {
    @Test
    void agreesWithParseDoubleBitForBitOnDecimalsOfEveryShape() {
        Random rnd = new Random(42);
        String[] shapes = {"%d", "%d.%s", "-%d.%s", ".%2$s", "%d.%se%d", "-%d.%sE-%d", "+%d.%se+%d", "%d."};
        for (int i = 0; i < 50_000; i++) {
            String digits = Long.toString(Math.abs(rnd.nextLong()) % 1_000_000_000_000L);
            String cell = String.format(Locale.ROOT, shapes[i % shapes.length], rnd.nextInt(100_000), digits,
                    rnd.nextInt(30));
            double expected = Double.parseDouble(cell);
            assertThat(Double.doubleToRawLongBits(NumericCell.parse(cell)))
                    .as(cell).isEqualTo(Double.doubleToRawLongBits(expected));
        }
        // values as they stand in the published files, and the edges of the exact range
        for (String cell : new String[] {"0.9180555898766518", "-0.09305556168259389", "2847256045000", "9.270349",
                "-3.1124623", "-0", "-0.0", "0", "9007199254740991", "9007199254740993", "1e22", "1e23", "1e-22",
                "123456789012345.6", "1.7976931348623157e308", "4.9e-324", "1.5f", "0x1p3", "00012.5000"}) {
            assertThat(Double.doubleToRawLongBits(NumericCell.parse(cell)))
                    .as(cell).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(cell)));
        }
    }

    @Test
    void nonFiniteWordsInAnyCaseAreTheValuesTheyName() {
        for (String nan : new String[] {"nan", "NaN", "NAN", "-nan", "+nan"}) assertThat(NumericCell.parse(nan)).isNaN();
        for (String inf : new String[] {"inf", "Inf", "+inf", "infinity", "Infinity", "+Infinity"}) {
            assertThat(NumericCell.parse(inf)).as(inf).isEqualTo(Double.POSITIVE_INFINITY);
        }
        for (String inf : new String[] {"-inf", "-Inf", "-infinity", "-Infinity"}) {
            assertThat(NumericCell.parse(inf)).as(inf).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void refusesWhatIsNotANumber() {
        for (String bad : new String[] {"", "abc", "1e", ".", "-", "1.2.3", "12:00", "nanx", "in"}) {
            assertThatThrownBy(() -> NumericCell.parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void readsACellInsideALineWithoutTheRest() {
        assertThat(NumericCell.parse("1.5,-2.25,x", 4, 9)).isEqualTo(-2.25);
    }
}
