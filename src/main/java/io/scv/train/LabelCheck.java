package io.scv.train;

import io.scv.config.TrainedModel;
import io.scv.eval.LevelMetrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a model trained without labels with what labelled pairs or clusters say, level by level: the m EM found
 * against the share of the labelled matching candidate pairs at that level. With {@code refine}, a comparison with
 * at least {@value #MIN_LABELLED_MATCHES} labelled matching pairs takes the labelled m (half a pseudo-pair per level)
 * and its weights follow; u, the prior and the threshold stay as trained.
 */
public final class LabelCheck {
    static final long MIN_LABELLED_MATCHES = 20;

    private LabelCheck() {
    }

    public record Result(TrainedModel model, String report) {
    }

    public static Result apply(TrainedModel model, List<LevelMetrics> labelled, boolean refine) {
        Map<String, LevelMetrics> byLevel = new HashMap<>();
        Map<String, Long> matchesPerComparison = new HashMap<>();
        for (LevelMetrics l : labelled) {
            if (!l.level().equals("null")) {
                byLevel.put(l.comparison() + "\u0000" + l.level(), l);
                matchesPerComparison.merge(l.comparison(), l.matches(), Long::sum);
            }
        }
        var out = new StringBuilder(String.format(Locale.ROOT, "%-20s %-32s %10s %10s %9s %9s%n", "comparison",
                "level", "m (EM)", "m (labels)", "weight", refine ? "refined" : "(labels)"));
        var comparisons = new ArrayList<TrainedModel.ComparisonParams>();
        for (var cp : model.comparisons()) {
            long total = matchesPerComparison.getOrDefault(cp.name(), 0L);
            boolean use = refine && total >= MIN_LABELLED_MATCHES;
            double[] matchesPerLevel = new double[cp.levels().size()];
            for (int i = 0; i < matchesPerLevel.length; i++) {
                var l = byLevel.get(cp.name() + "\u0000" + cp.levels().get(i).label());
                matchesPerLevel[i] = l == null ? 0 : l.matches();
            }
            double[] labelledM = Trainer.smoothed(matchesPerLevel);
            var levels = new ArrayList<TrainedModel.LevelParams>();
            for (int i = 0; i < matchesPerLevel.length; i++) {
                var lp = cp.levels().get(i);
                double matches = matchesPerLevel[i];
                double mLabels = labelledM[i];
                double labelWeight = Math.log(mLabels / lp.u()) / Math.log(2);
                out.append(String.format(Locale.ROOT, "%-20s %-32s %10.4g %10.4g %9.2f %9.2f%n", cp.name(),
                        lp.label(), lp.m(), total == 0 ? Double.NaN : mLabels, lp.weight(), labelWeight));
                levels.add(use ? new TrainedModel.LevelParams(lp.label(), mLabels, lp.u(), labelWeight, matches,
                        lp.blockedPairs(), lp.randomPairs()) : lp);
            }
            comparisons.add(new TrainedModel.ComparisonParams(cp.name(), levels));
            if (refine && !use) {
                out.append(String.format(Locale.ROOT, "  (%s keeps the EM m: %d labelled matching pairs, fewer than "
                        + "%d)%n", cp.name(), total, MIN_LABELLED_MATCHES));
            }
        }
        var refined = new TrainedModel(model.trainedAt(), model.configFile(), model.priorMatchProbability(),
                model.matchThreshold(), model.expectedF1(), model.counts(), model.rules(), comparisons);
        return new Result(refine ? refined : model, out.toString());
    }
}
