package io.tsfm.datasets.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tsfm.core.data.DataFormatException;
import io.tsfm.core.data.ReadProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NumericTableTest {
    private static NumericTable read(String text, NumericTable.Format f) throws IOException {
        return NumericTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.txt", f);
    }

    private static NumericTable readSkipping(String text, int columns, List<ReadProblem> problems) throws IOException {
        return NumericTable.readSkippingBadRows(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.txt",
                new NumericTable.Format().columns(columns), problems);
    }

    @Test
    void splitsAtRunsOfBlanksCommasAndSemicolonsAsTheRegexDid() throws IOException {
        Pattern regex = Pattern.compile("[\\s,;]+");
        String[] lines = {"1 2 3", "1,2,3", "1;2;3", "1 ,\t2 ;; 3", "1, 2, 3,", ",1,2", ";;1 2", "1", ",", "1\u000B2\f3",
                "  1\t\t2  "};
        for (String line : lines) {
            int expected = regex.split(line.strip()).length;
            // a column count no line has: the error tells how many cells the line split into
            assertThatThrownBy(() -> read(line + "\n", new NumericTable.Format().columns(99))).as(line)
                    .isInstanceOf(DataFormatException.class).hasMessageContaining("found " + expected + " (");
        }
        NumericTable t = read("1 ,\t2 ;; 3\n4,5,6,\n", new NumericTable.Format());
        assertThat(t.columns()).isEqualTo(3);
        assertThat(t.column(2)).containsExactly(3, 6);
        // a leading delimiter gives a leading empty cell, which is not a number
        assertThatThrownBy(() -> read(",1,2\n", new NumericTable.Format().columns(3)))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.reason()).isEqualTo("not a number: ''");
                });
    }

    @Test
    void nanAndInfinityInAnyCaseAreValues() throws IOException {
        NumericTable t = read("nan inf -inf\nNaN Infinity -Infinity\n", new NumericTable.Format().columns(3));
        for (int r = 0; r < 2; r++) {
            assertThat(t.column(0)[r]).isNaN();
            assertThat(t.column(1)[r]).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(t.column(2)[r]).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void readStopsAtTheFirstMalformedRowNamingLineAndColumn() {
        assertThatThrownBy(() -> read("# header\n1 2 3\n\n4 x 6\n", new NumericTable.Format().columns(3).comment("#")))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo(2);
                    assertThat(e.reason()).isEqualTo("not a number: 'x'");
                });
        assertThatThrownBy(() -> read("1 2 3\n4 5\n", new NumericTable.Format().columns(3)))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.reason()).startsWith("expected 3 values, found 2");
                });
    }

    @Test
    void skippingBadRowsKeepsTheRowsAroundThemWithTheirLines() throws IOException {
        List<ReadProblem> problems = new ArrayList<>();
        NumericTable t = readSkipping("1 2\n3 x\n\n5 6\n7\n8 9", 2, problems);
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.column(0)).containsExactly(1, 5, 8);
        assertThat(t.line(1)).isEqualTo(4);
        assertThat(t.line(2)).isEqualTo(6);
        assertThat(problems).extracting(ReadProblem::line, ReadProblem::column, ReadProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, 2, "not a number: 'x'; row skipped"),
                org.assertj.core.groups.Tuple.tuple(5L, 2, "expected 2 values, found 1 (truncated or malformed row: '7');"
                        + " row skipped"));
        assertThat(problems).allMatch(ReadProblem::fatal);
    }

    @Test
    void skippingGivesUpOnAFileOfGarbage() throws IOException {
        StringBuilder text = new StringBuilder("1 2\n");
        for (int i = 0; i < 30; i++) text.append("bad row\n");
        text.append("3 4\n");
        List<ReadProblem> problems = new ArrayList<>();
        NumericTable t = readSkipping(text.toString(), 2, problems);
        assertThat(t.rows()).isEqualTo(1);
        assertThat(problems).hasSize(NumericTable.MAX_BAD_ROWS + 1);
        assertThat(problems.get(NumericTable.MAX_BAD_ROWS).line()).isEqualTo(NumericTable.MAX_BAD_ROWS + 2);
        assertThat(problems.get(NumericTable.MAX_BAD_ROWS).message()).contains("the rest of the file is skipped");
    }

    @Test
    void skippingNeedsTheColumnCount() {
        assertThatThrownBy(() -> NumericTable.readSkippingBadRows(new ByteArrayInputStream(new byte[0]), "t.txt",
                new NumericTable.Format(), new ArrayList<>())).isInstanceOf(IllegalArgumentException.class);
    }
}
