package io.tsfm.training.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class MemoryBankTest {

    /** n rows of width 2 whose first value is the row's id (second value keeps the norm non-zero). */
    private static float[] rows(int firstId, int n) {
        float[] r = new float[2 * n];
        for (int i = 0; i < n; i++) {
            r[2 * i] = firstId + i;
            r[2 * i + 1] = 1f;
        }
        return r;
    }

    private static float[] ids(float[] table) {
        float[] id = new float[table.length / 2];
        for (int i = 0; i < id.length; i++) {
            id[i] = table[2 * i];
        }
        return id;
    }

    private static float[] negate(float[] x) {
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = -y[i];
        }
        return y;
    }

    @Test
    void partialFillExposesOnlyWrittenRows() {
        MemoryBank bank = new MemoryBank(5, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(bank.queue(m).get(0).getShape()).isEqualTo(new Shape(0, 2));
            bank.push(rows(10, 2), negate(rows(10, 2)));
            bank.push(rows(20, 1), negate(rows(20, 1)));
            assertThat(bank.size()).isEqualTo(3);
            assertThat(bank.isFull()).isFalse();
            assertThat(bank.pointer()).isEqualTo(3);
            NDList q = bank.queue(m);
            assertThat(q.get(0).getShape()).isEqualTo(new Shape(3, 2));
            assertThat(ids(q.get(0).toFloatArray())).containsExactly(10f, 11f, 20f);
            assertThat(ids(q.get(1).toFloatArray())).containsExactly(-10f, -11f, -20f);
        }
    }

    @Test
    void wrapAroundOverwritesTheOldestRows() {
        MemoryBank bank = new MemoryBank(4, 2);
        bank.push(rows(0, 3), rows(0, 3));
        bank.push(rows(100, 3), rows(100, 3)); // slots 3, 0, 1
        assertThat(bank.isFull()).isTrue();
        assertThat(bank.pointer()).isEqualTo(2);
        assertThat(bank.size()).isEqualTo(4);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(ids(bank.queue(m).get(0).toFloatArray())).containsExactly(101f, 102f, 2f, 100f);
        }
    }

    @Test
    void aPushOfAtLeastCapacityKeepsItsLastRows() {
        MemoryBank bank = new MemoryBank(3, 2);
        bank.push(rows(0, 1), rows(0, 1));
        bank.push(rows(50, 5), rows(50, 5));
        assertThat(bank.isFull()).isTrue();
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(ids(bank.queue(m).get(0).toFloatArray())).containsExactlyInAnyOrder(52f, 53f, 54f);
        }
    }

    @Test
    void badRowsAreRejectedAndLeaveTheBankUnchanged() {
        MemoryBank bank = new MemoryBank(4, 2);
        bank.push(rows(0, 2), rows(0, 2));
        MemoryBank.Snapshot before = bank.snapshot();

        float[] withNan = rows(5, 3);
        withNan[3] = Float.NaN;
        assertThatThrownBy(() -> bank.push(withNan, rows(5, 3)))
                .hasMessageContaining("imu row 1 of 3 has a non-finite value (NaN) at column 1");
        float[] zero = rows(5, 3);
        zero[4] = 0f;
        zero[5] = 0f;
        assertThatThrownBy(() -> bank.push(rows(5, 3), zero)).hasMessageContaining("text row 2 of 3 has zero norm");
        float[] inf = rows(5, 1);
        inf[0] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> bank.push(inf, rows(5, 1))).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> bank.push(rows(5, 2), rows(5, 3))).hasMessageContaining("equal row-major");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> bank.push(m.ones(new Shape(2, 3)), m.ones(new Shape(2, 3))))
                    .hasMessageContaining("(N, 2)");
        }

        MemoryBank.Snapshot after = bank.snapshot();
        assertThat(after.pointer()).isEqualTo(before.pointer());
        assertThat(after.imu()).containsExactly(before.imu());
        assertThat(after.text()).containsExactly(before.text());
    }

    @Test
    void ndArrayPushAndSnapshotRestore() {
        MemoryBank bank = new MemoryBank(3, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            bank.push(m.create(rows(7, 2), new Shape(2, 2)), m.create(rows(8, 2), new Shape(2, 2)));
            MemoryBank copy = new MemoryBank(3, 2);
            copy.restore(bank.snapshot());
            assertThat(copy.size()).isEqualTo(2);
            assertThat(ids(copy.queue(m).get(1).toFloatArray())).containsExactly(8f, 9f);
            assertThatThrownBy(() -> new MemoryBank(4, 2).restore(bank.snapshot()))
                    .hasMessageContaining("does not fit");
        }
    }
}
