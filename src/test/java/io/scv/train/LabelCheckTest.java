package io.scv.train;

import io.scv.config.TrainedModel;
import io.scv.eval.LevelMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class LabelCheckTest {
    private static TrainedModel model() {
        var levels = List.of(
                new TrainedModel.LevelParams("exact", 0.9, 0.01, Math.log(0.9 / 0.01) / Math.log(2), 90, 100, 10),
                new TrainedModel.LevelParams("else", 0.1, 0.99, Math.log(0.1 / 0.99) / Math.log(2), 10, 900, 990));
        return new TrainedModel("t", "c.yaml", 0.001, 0.8, 0.99, new TrainedModel.Counts(1000, 1000, 1e6, 100, 5, true),
                List.of(), List.of(new TrainedModel.ComparisonParams("name", levels)));
    }

    private static List<LevelMetrics> labelled(long exactMatches, long elseMatches) {
        return List.of(new LevelMetrics("name", "exact", exactMatches, 3, 0, 0, 0),
                new LevelMetrics("name", "else", elseMatches, 900, 0, 0, 0),
                new LevelMetrics("name", "null", 7, 7, Double.NaN, Double.NaN, 0));
    }

    @Test
    void refineTakesTheLabelledMAndRecomputesTheWeight() {
        var r = LabelCheck.apply(model(), labelled(59, 39), true);
        var exact = r.model().comparisons().get(0).levels().get(0);
        assertEquals((59 + 0.5) / (98 + 1.0), exact.m(), 1e-12);
        assertEquals(Math.log(exact.m() / 0.01) / Math.log(2), exact.weight(), 1e-12);
        assertEquals(0.01, exact.u(), 0);
        assertEquals(0.8, r.model().matchThreshold(), 0, "threshold stays as trained");
        assertTrue(r.report().contains("exact"));
    }

    @Test
    void withoutRefineOrWithTooFewLabelsTheModelIsUnchanged() {
        var model = model();
        assertSame(model, LabelCheck.apply(model, labelled(59, 39), false).model());
        var few = LabelCheck.apply(model(), labelled(10, 5), true);
        assertEquals(0.9, few.model().comparisons().get(0).levels().get(0).m(), 0);
        assertTrue(few.report().contains("keeps the EM m"), few.report());
    }
}
