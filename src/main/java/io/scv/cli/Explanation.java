package io.scv.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code scv explain} found, as values: a customer's records, the evidence among them and their golden values,
 * or why two records did or did not match. Each prints as text for people ({@code toText}) and serialises as one
 * JSON object with the same content. Text rounds weights and scores to 0.01; JSON carries them exactly as
 * {@code match_evidence} holds them.
 */
final class Explanation {
    /** Decision of a re-scored pair that {@code match_evidence} would not keep. */
    static final String BELOW_REVIEW = "below_review";

    private Explanation() {
    }

    /** One comparison's part of a score, and the score so far (the waterfall's running total). */
    record Step(String comparison, String level, double weight, double total) {
    }

    /**
     * A scored pair as {@code match_evidence} holds it, with record keys (never tokens) and the customer of each end.
     *
     * @param prior the score before any comparison: the score less the comparisons' weights
     */
    record Edge(String leftKey, String rightKey, String leftCustomer, String rightCustomer, List<String> rules,
                double prior, List<Step> comparisons, double score, double probability, String decision) {
        Edge {
            rules = List.copyOf(rules);
            comparisons = List.copyOf(comparisons);
        }

        /** An edge from its comparisons' names, levels and weights in order; the prior is what the score leaves. */
        static Edge of(String leftKey, String rightKey, String leftCustomer, String rightCustomer, List<String> rules,
                       List<String> names, List<String> levels, List<Double> weights, double score,
                       double probability, String decision) {
            double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
            double prior = score - sum;
            double total = prior;
            var steps = new ArrayList<Step>();
            for (int i = 0; i < names.size(); i++) {
                total += weights.get(i);
                steps.add(new Step(names.get(i), levels.get(i), weights.get(i), total));
            }
            return new Edge(leftKey, rightKey, leftCustomer, rightCustomer, rules, prior, steps, score, probability,
                    decision);
        }

        String pair() {
            return leftKey + " ~ " + rightKey;
        }

        /** The pair, its decision and rules, then the waterfall: prior, each comparison, the score. */
        void appendTo(StringBuilder out, String indent) {
            out.append(String.format(Locale.ROOT, "%s%s   %s   rules: %s%n", indent, pair(), decision,
                    rules.isEmpty() ? "none" : String.join(", ", rules)));
            int width = Math.max(10, comparisons.stream().mapToInt(s -> s.comparison().length()).max().orElse(0));
            int levelWidth = Math.max(5, comparisons.stream().mapToInt(s -> s.level().length()).max().orElse(0));
            String row = indent + "    %-" + width + "s  %-" + levelWidth + "s  %8s  %8s%n";
            out.append(String.format(Locale.ROOT, row, "prior", "", signed(prior), number(prior)));
            for (Step s : comparisons) {
                out.append(String.format(Locale.ROOT, row, s.comparison(), s.level(), signed(s.weight()),
                        number(s.total())));
            }
            out.append(String.format(Locale.ROOT, row, "score", "", "", number(score)));
            out.append(String.format(Locale.ROOT, "%s    probability %s%n", indent, probabilityText(probability)));
        }
    }

    /** A record of the customer and the golden values it supplied (field → value). */
    record RecordLine(String recordKey, String source, String sourceId, Double linkConfidence,
                      Map<String, String> goldenValues) {
    }

    /** A golden value, the record it came from, and for consent the time of the deciding statement. */
    record GoldenValue(String field, String value, String sourceRecord, String at) {
    }

    /** An {@code id_lineage} row that names the customer. */
    record LineageLine(String runId, String eventTime, String event, String customerId, String relatedId,
                       long records) {
        String toText() {
            String what = switch (event) {
                case "created" -> customerId + " created with " + records + " records";
                case "split_from" -> customerId + " split from " + relatedId + " with " + records + " records";
                case "merged_into" -> customerId + " merged into " + relatedId + " (" + records + " records)";
                case "retired" -> customerId + " retired: none of its records are left";
                default -> event + " " + customerId + (relatedId == null ? "" : " " + relatedId);
            };
            return eventTime + "  run " + runId + "  " + what;
        }
    }

    /** People's must-link or cannot-link decision about two records. */
    record OverridePair(String kind, String leftKey, String rightKey, String reason, String addedBy) {
        String toText() {
            return kind + " override " + leftKey + " ~ " + rightKey + (reason == null ? "" : " (\"" + reason + "\"")
                    + (addedBy == null ? "" : (reason == null ? " (" : ", ") + "by " + addedBy)
                    + (reason == null && addedBy == null ? "" : ")");
        }
    }

    /**
     * The match the customer hangs on.
     *
     * @param bridge          whether removing it splits the customer; if none of its matches does, the lowest-scored
     *                        match (bridge false)
     * @param partsWithout    sizes of the parts the customer falls into without it, largest first
     * @param lowestMatch     the lowest-scored match, when that is another pair than the weakest link
     * @param lowestScore     its score
     */
    record WeakestLink(String leftKey, String rightKey, double score, double probability, boolean bridge,
                       List<Integer> partsWithout, String lowestMatch, Double lowestScore) {
        String toText() {
            var out = new StringBuilder(String.format(Locale.ROOT, "%s ~ %s, score %s, probability %s", leftKey,
                    rightKey, number(score), probabilityText(probability)));
            if (bridge) {
                out.append(": a bridge; without it the customer falls apart into ")
                        .append(partsWithout.stream().map(String::valueOf).collect(Collectors.joining(" + ")))
                        .append(" records");
                if (lowestMatch != null) {
                    out.append(String.format(Locale.ROOT, ". The lowest-scored match, %s at %s, is not a bridge: "
                            + "the customer stays whole without it", lowestMatch, number(lowestScore)));
                }
            } else {
                out.append(": the lowest-scored match. No single match is a bridge: the customer stays whole "
                        + "without any one of them");
            }
            return out.toString();
        }
    }

    /**
     * One customer explained.
     *
     * @param lastRun          the last published run (run_log)
     * @param edges            every match_evidence pair among its records
     * @param mustLinks        people's must-link pairs among its records (edges without evidence)
     * @param weakestLink      null when no match joins its records
     * @param otherCustomers   pairs of one of its records with another customer's record: cut or review
     * @param otherValues      the customer's other columns (record count, sources, aggregates)
     * @param notes            what the tables could not account for
     */
    record Customer(String customerId, String warehouse, String lastRun, Thresholds thresholds,
                    List<RecordLine> records, List<Edge> edges, List<OverridePair> mustLinks, WeakestLink weakestLink,
                    List<Edge> otherCustomers, List<LineageLine> lineage, List<GoldenValue> golden,
                    Map<String, String> otherValues, List<String> notes) {
        String toText() {
            var out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "customer %s: %d records, %d scored pairs among them "
                            + "(warehouse %s, last run %s)%n", customerId, records.size(), edges.size(), warehouse,
                    lastRun));
            if (thresholds != null) {
                out.append("  ").append(thresholds.toText()).append('\n');
            }
            int width = golden.stream().mapToInt(g -> g.field().length()).max().orElse(10);
            out.append("\nrecords, with the golden values each one supplied\n");
            for (RecordLine r : records) {
                out.append(String.format(Locale.ROOT, "  %s  source %s, id %s, link confidence %s%n", r.recordKey(),
                        r.source(), r.sourceId(), r.linkConfidence() == null ? "none (no match)"
                                : probabilityText(r.linkConfidence())));
                if (r.goldenValues().isEmpty()) {
                    out.append("      (no golden value comes from it)\n");
                }
                r.goldenValues().forEach((field, value) -> out.append(String.format(Locale.ROOT,
                        "      %-" + width + "s  %s%n", field, value)));
            }
            out.append("\nevidence among its records: score = prior + weights (log2 odds), probability = "
                    + "1 / (1 + 2^-score); rounded to 0.01, --json has the exact values\n");
            if (edges.isEmpty()) {
                out.append("  none\n");
            }
            edges.forEach(e -> e.appendTo(out, "  "));
            mustLinks.forEach(m -> out.append("  ").append(m.toText()).append(": joined whatever the scores\n"));
            out.append("\nweakest link: ").append(weakestLink == null ? "none (no match joins its records)"
                    : weakestLink.toText()).append('\n');
            out.append("\npairs with other customers' records (cut by a cluster rule, or left for review)\n");
            if (otherCustomers.isEmpty()) {
                out.append("  none\n");
            }
            for (Edge e : otherCustomers) {
                out.append(String.format(Locale.ROOT, "  other customer: %s%n",
                        customerId.equals(e.leftCustomer()) ? e.rightCustomer() : e.leftCustomer()));
                e.appendTo(out, "  ");
            }
            out.append("\nid_lineage\n");
            if (lineage.isEmpty()) {
                out.append("  none\n");
            }
            lineage.forEach(l -> out.append("  ").append(l.toText()).append('\n'));
            out.append("\ngolden record (value <- the record it came from)\n");
            for (GoldenValue g : golden) {
                out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%s%n", g.field(),
                        g.value() == null ? "(none)" : g.value() + "  <- " + g.sourceRecord(),
                        g.at() == null ? "" : " at " + g.at()));
            }
            otherValues.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", k, v)));
            notes.forEach(n -> out.append("\nnote: ").append(n).append('\n'));
            return out.toString();
        }
    }

    /** The match and review thresholds of the config given, when one was. */
    record Thresholds(double match, double review, String configFile, boolean sameConfigAsLastRun) {
        String toText() {
            return String.format(Locale.ROOT, "thresholds of %s: match at probability >= %s, review >= %s%s",
                    configFile, match, review, sameConfigAsLastRun ? ""
                            : " (not the config the last run used: its decisions may differ)");
        }

        String decide(double probability) {
            return probability >= match ? "match" : probability >= review ? "review" : BELOW_REVIEW;
        }
    }

    /**
     * One rule's blocking keys for the two records, as the job forms them.
     *
     * @param hotShared shared keys that were skipped as hot keys (more records than {@code max_block_size})
     */
    record RuleKeys(String rule, List<String> leftKeys, List<String> rightKeys, List<String> shared,
                    List<String> hotShared, boolean pairs) {
    }

    /**
     * Two records explained.
     *
     * @param verdict  in a few words: match, review, cut by a cluster rule, not a candidate pair...
     * @param reasons  why, one sentence each
     * @param evidence their match_evidence row, or null
     * @param blocking with a config and no evidence: each rule's keys for the two records
     * @param rescored with a config and no evidence: the pair scored now, by the job's own scoring
     */
    record Pair(String leftKey, String rightKey, String leftCustomer, String rightCustomer, String warehouse,
                String lastRun, Thresholds thresholds, String verdict, List<String> reasons, Edge evidence,
                List<OverridePair> overrides, List<RuleKeys> blocking, Edge rescored) {
        String toText() {
            var out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "records %s and %s (warehouse %s, last run %s)%n", leftKey,
                    rightKey, warehouse, lastRun));
            out.append(String.format(Locale.ROOT, "  %s  customer %s%n  %s  customer %s%n", leftKey,
                    leftCustomer == null ? "(not in customer_xref)" : leftCustomer, rightKey,
                    rightCustomer == null ? "(not in customer_xref)" : rightCustomer));
            if (thresholds != null) {
                out.append("  ").append(thresholds.toText()).append('\n');
            }
            out.append("\nverdict: ").append(verdict).append('\n');
            reasons.forEach(r -> out.append("  - ").append(r).append('\n'));
            overrides.forEach(o -> out.append("  - ").append(o.toText()).append('\n'));
            if (evidence != null) {
                out.append("\nmatch_evidence\n");
                evidence.appendTo(out, "  ");
            }
            if (!blocking.isEmpty()) {
                out.append("\nblocking keys per rule (as the job forms them from the standardised records)\n");
                for (RuleKeys k : blocking) {
                    out.append(String.format(Locale.ROOT, "  %s: %s%n", k.rule(), k.pairs() ? "pairs them"
                            : k.hotShared().isEmpty() ? "does not pair them" : "does not pair them (hot key)"));
                    out.append(String.format(Locale.ROOT, "      %s  %s%n      %s  %s%n", leftKey,
                            keys(k.leftKeys()), rightKey, keys(k.rightKeys())));
                    if (!k.hotShared().isEmpty()) {
                        out.append(String.format(Locale.ROOT, "      shared but skipped as hot: %s%n",
                                keys(k.hotShared())));
                    }
                }
            }
            if (rescored != null) {
                out.append("\nscored now with the config\n");
                rescored.appendTo(out, "  ");
            }
            return out.toString();
        }

        private static String keys(List<String> keys) {
            return keys.isEmpty() ? "(no key: a key part is empty)" : String.join("; ", keys);
        }
    }

    static String number(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    static String signed(double x) {
        return String.format(Locale.ROOT, "%+.2f", x);
    }

    /** Six decimals; a probability too small for them in scientific notation, so it does not read as 0. */
    static String probabilityText(double p) {
        return String.format(Locale.ROOT, p > 0 && p < 5e-7 ? "%.2e" : "%.6f", p);
    }
}
