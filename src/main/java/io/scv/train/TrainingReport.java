package io.scv.train;

import io.scv.config.TrainedModel;

import java.util.Locale;

/** What {@code scv train} prints: the prior, the threshold and one line per level. */
public final class TrainingReport {
    private TrainingReport() {
    }

    public static String text(TrainedModel m) {
        var c = m.counts();
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "EM %s after %d iterations over %,d blocked pairs; u from %,d random "
                        + "pairs of %,.0f comparable%n", c.converged() ? "converged" : "did NOT converge",
                c.iterations(), c.blockedPairs(), c.randomPairs(), c.comparablePairs()));
        out.append(String.format(Locale.ROOT, "expected matches %,.1f; prior %.3g; match threshold %.6g "
                + "(expected F1 %.4f)%n", c.expectedMatches(), m.priorMatchProbability(), m.matchThreshold(),
                m.expectedF1()));
        out.append(String.format(Locale.ROOT, "%-20s %-32s %9s %10s %10s %12s%n", "comparison", "level", "weight", "m",
                "u", "match pairs"));
        for (var cp : m.comparisons()) {
            for (var l : cp.levels()) {
                out.append(String.format(Locale.ROOT, "%-20s %-32s %9.2f %10.4g %10.4g %12.1f%n", cp.name(),
                        l.label(), l.weight(), l.m(), l.u(), l.matchPairs()));
            }
        }
        return out.toString();
    }
}
