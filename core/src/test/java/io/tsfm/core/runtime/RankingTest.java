package io.tsfm.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {

    private static final float[][] LABELS = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.6f, 0.8f, 0}};

    @Test
    void meanScoringIsTheCosineWithTheSessionEmbedding() {
        WindowEmbedding w = new WindowEmbedding("w", new float[] {0.6f, 0.8f, 0}, null, null);
        float[] s = Ranking.scores(w, LABELS, Scoring.MEAN_EMBEDDING);
        assertThat(s).containsExactly(new float[] {0.6f, 0.8f, 0f, 1f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(Ranking.topK(s, 2)).containsExactly(3, 1);
        assertThat(Ranking.topK(s, 10)).containsExactly(3, 1, 0, 2);
    }

    @Test
    void equalScoresKeepTheCandidateOrder() {
        assertThat(Ranking.topK(new float[] {0.5f, 0.9f, 0.5f, 0.9f}, 4)).containsExactly(1, 3, 0, 2);
    }

    @Test
    void patchVotesAreSharesAndTiesGoToTheFirstLabel() {
        float[][] patches = {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}, {0, 0, 1}, {0, 1, 0}};
        WindowEmbedding w = new WindowEmbedding("w", new float[] {1, 0, 0}, patches, null);
        float[] labels3 = Ranking.scores(w, new float[][] {LABELS[0], LABELS[1], LABELS[2]}, Scoring.PATCH_VOTE);
        assertThat(labels3).containsExactly(0.4f, 0.2f, 0.4f);
        // 2-2 tie between label 0 and label 2: label 0 is listed first and wins
        assertThat(Ranking.topK(labels3, 1)).containsExactly(0);
    }

    @Test
    void openSetGroupsTakeTheBestMemberOrTheSummedVotes() {
        float[] s = {0.2f, 0.7f, 0.5f, 0.6f};
        List<String> groups = List.of("a", "b", "a", "b");
        List<Ranking.GroupScore> max = Ranking.byGroup(s, groups, Scoring.MEAN_EMBEDDING);
        assertThat(max).containsExactly(new Ranking.GroupScore("a", 2, 0.5f), new Ranking.GroupScore("b", 1, 0.7f));
        List<Ranking.GroupScore> sum = Ranking.byGroup(new float[] {0.25f, 0.25f, 0.5f, 0f}, groups,
                Scoring.PATCH_VOTE);
        assertThat(sum).containsExactly(new Ranking.GroupScore("a", 2, 0.75f), new Ranking.GroupScore("b", 1, 0.25f));
    }
}
