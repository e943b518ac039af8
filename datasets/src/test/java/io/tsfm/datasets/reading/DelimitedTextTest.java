package io.tsfm.datasets.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.DataFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DelimitedTextTest {
    private static DelimitedText open(String text, DelimitedText.Format f) throws IOException {
        return DelimitedText.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f.txt", f);
    }

    @Test
    void csvWithQuotesHeaderAndBadLines() throws IOException {
        ProblemLog log = new ProblemLog();
        try (DelimitedText t = open("\uFEFFa,b,c\n1,\"x, \"\"y\"\"\",3\n\n4,5\n6,7,8\n", DelimitedText.Format.csvWithHeader())) {
            assertThat(t.header()).containsExactly("a", "b", "c");
            DelimitedText.Row r = t.next(log);
            assertThat(r.text(1)).isEqualTo("x, \"y\"");
            assertThat(r.number(0)).isEqualTo(1.0);
            assertThatThrownBy(() -> r.number(1)).isInstanceOfSatisfying(DataFormatException.class, e -> {
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.column()).isEqualTo(2);
            });
            DelimitedText.Row r2 = t.next(log);
            assertThat(r2.line()).isEqualTo(5);
            assertThat(r2.skippedBefore()).isEqualTo(1);
            assertThat(t.next(log)).isNull();
        }
        assertThat(log.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(3);
            assertThat(p.message()).contains("truncated");
        });
    }

    @Test
    void whitespaceAndLineSuffixAndNumberWords() throws IOException {
        ProblemLog log = new ProblemLog();
        try (DelimitedText t = open("  1.5e-1   NaN\t-inf;\n", DelimitedText.Format.whitespace().lineSuffix(";"))) {
            DelimitedText.Row r = t.next(log);
            assertThat(r.size()).isEqualTo(3);
            assertThat(r.number(0)).isEqualTo(0.15);
            assertThat(r.number(1)).isNaN();
            assertThat(r.number(2)).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void manyBadLinesAreCappedButCounted() throws IOException {
        StringBuilder b = new StringBuilder("1,2\n");
        for (int i = 0; i < 30; i++) b.append("3\n");
        ProblemLog log = new ProblemLog(5);
        try (DelimitedText t = open(b.toString(), DelimitedText.Format.delimited(','))) {
            while (t.next(log) != null) { /* drain */ }
        }
        assertThat(log.problems()).hasSize(6);
        assertThat(log.problems().get(5).count()).isEqualTo(25);
        assertThat(log.errors("f.txt")).isEqualTo(30);
    }

    @Test
    void raggedRowsAreReturnedAsTheyAreAndAMissingCellIsNamed() throws IOException {
        try (DelimitedText t = open("a,\"b\",c\n1,2\n\n3,4,5,6\n", DelimitedText.Format.csv().ragged())) {
            DelimitedText.Row header = t.next();
            assertThat(header.cells()).containsExactly("a", "b", "c");
            DelimitedText.Row shorter = t.next();
            assertThat(shorter.size()).isEqualTo(2);
            assertThatThrownBy(() -> shorter.number(2)).isInstanceOfSatisfying(DataFormatException.class, e -> {
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.column()).isEqualTo(3);
                assertThat(e.reason()).contains("truncated row");
            });
            DelimitedText.Row longer = t.next();
            assertThat(longer.line()).isEqualTo(4);
            assertThat(longer.size()).isEqualTo(4);
            assertThat(longer.skippedBefore()).isZero();
            assertThat(t.next()).isNull();
            assertThat(header.text(1)).isEqualTo("b"); // rows stay valid after later reads
        }
    }

    @Test
    void wholeNumbersAndExactIntegers() throws IOException {
        try (DelimitedText t = open("4,4.0,4.5,1424696633908000001,1.5e3\n", DelimitedText.Format.csv().ragged())) {
            DelimitedText.Row r = t.next();
            assertThat(r.wholeNumber(0)).isEqualTo(4);
            assertThat(r.wholeNumber(1)).isEqualTo(4);
            assertThat(r.wholeNumber(4)).isEqualTo(1500);
            assertThatThrownBy(() -> r.wholeNumber(2)).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("not an integer: '4.5'");
            assertThat(r.integer(3)).isEqualTo(1424696633908000001L); // beyond a double's precision
            assertThatThrownBy(() -> r.integer(1)).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("not a whole number: '4.0'");
        }
    }

    @Test
    void rowsOfAFixedWidthNeedALogForTheBadOnes() throws IOException {
        try (DelimitedText t = open("1,2\n", DelimitedText.Format.delimited(','))) {
            assertThatThrownBy(t::next).isInstanceOf(IllegalStateException.class);
        }
    }
}
