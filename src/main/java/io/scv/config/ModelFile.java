package io.scv.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Reads and writes the trained model file: YAML meant to be reviewed, diffed and committed next to its config.
 * One line per level with its m, u, weight and the pair counts behind them. A person may edit a weight by hand;
 * {@code run} uses the {@code weight} as written.
 */
public final class ModelFile {
    private ModelFile() {
    }

    public static TrainedModel read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("model file " + file + " is not valid YAML: " + e.getMessage().lines()
                    .findFirst().orElse(""));
        }
        if (root == null || !root.isObject() || !root.path("comparisons").isArray()) {
            throw new ConfigException("model file " + file + " has no comparisons list; was it written by scv train?");
        }
        var comparisons = new ArrayList<TrainedModel.ComparisonParams>();
        for (JsonNode c : root.get("comparisons")) {
            var levels = new ArrayList<TrainedModel.LevelParams>();
            for (JsonNode l : c.path("levels")) {
                levels.add(new TrainedModel.LevelParams(l.path("label").asText(), l.path("m").asDouble(Double.NaN),
                        l.path("u").asDouble(Double.NaN), number(file, l, "weight"), l.path("match_pairs").asDouble(),
                        l.path("blocked_pairs").asLong(), l.path("random_pairs").asLong()));
            }
            comparisons.add(new TrainedModel.ComparisonParams(c.path("name").asText(), levels));
        }
        JsonNode n = root.path("pairs");
        var counts = new TrainedModel.Counts(n.path("blocked").asLong(), n.path("random").asLong(),
                n.path("comparable").asDouble(), n.path("expected_matches").asDouble(),
                root.path("em").path("iterations").asInt(), root.path("em").path("converged").asBoolean());
        var rules = new ArrayList<TrainedModel.RuleFit>();
        for (JsonNode r : root.path("em").path("rules")) {
            var excluded = new ArrayList<String>();
            r.path("excluded").forEach(x -> excluded.add(x.asText()));
            rules.add(new TrainedModel.RuleFit(r.path("rule").asText(), r.path("pairs").asLong(),
                    r.path("expected_matches").asDouble(), r.path("iterations").asInt(),
                    r.path("converged").asBoolean(), excluded));
        }
        return new TrainedModel(root.path("trained_at").asText(), root.path("config").asText(),
                number(file, root, "prior_match_probability"), number(file, root, "match_threshold"),
                root.path("expected_f1").asDouble(Double.NaN), counts, rules, comparisons);
    }

    private static double number(Path file, JsonNode n, String key) {
        JsonNode v = n.path(key);
        if (!v.isNumber()) {
            throw new ConfigException("model file " + file + ": '" + key + "' must be a number, was: "
                    + (v.isMissingNode() ? "missing" : v.toString()));
        }
        return v.asDouble();
    }

    /** The file's text. Numbers keep enough digits to reproduce the weights; counts are rounded to whole pairs. */
    public static String render(TrainedModel m) {
        var out = new StringBuilder();
        TrainedModel.Counts c = m.counts();
        out.append("# Trained by `scv train` from ").append(m.configFile()).append(" at ").append(m.trainedAt())
                .append(".\n")
                .append("# weight = log2(m/u): m by expectation-maximisation over the pairs of each blocking rule\n")
                .append("# (leaving out the comparisons of the rule's own fields), u from random comparable pairs.\n")
                .append("# `run` adds the weights to log2 of the prior odds; the pair is a match at\n")
                .append("# or above match_threshold (the probability that maximised the model's expected F1).\n")
                .append("# Weights may be edited by hand; re-running train overwrites this file.\n");
        out.append(String.format(Locale.ROOT, "trained_at: \"%s\"%n", m.trainedAt()));
        out.append(String.format(Locale.ROOT, "config: \"%s\"%n", m.configFile()));
        out.append(String.format(Locale.ROOT, "prior_match_probability: %s%n", g(m.priorMatchProbability())));
        out.append(String.format(Locale.ROOT, "match_threshold: %s%n", g(m.matchThreshold())));
        out.append(String.format(Locale.ROOT, "expected_f1: %.4f%n", m.expectedF1()));
        out.append(String.format(Locale.ROOT, "pairs: {blocked: %d, random: %d, comparable: %.0f, "
                + "expected_matches: %.1f}%n", c.blockedPairs(), c.randomPairs(), c.comparablePairs(),
                c.expectedMatches()));
        out.append(String.format(Locale.ROOT, "em:%n  iterations: %d%n  converged: %s%n  rules:%n", c.iterations(),
                c.converged()));
        for (var r : m.rules()) {
            out.append(String.format(Locale.ROOT, "    - {rule: %s, pairs: %d, expected_matches: %.1f, iterations: %d, "
                            + "converged: %s, excluded: [%s]}%n", quote(r.rule()), r.pairs(), r.expectedMatches(),
                    r.iterations(), r.converged(), String.join(", ", r.excluded().stream().map(ModelFile::quote)
                            .toList())));
        }
        out.append("comparisons:\n");
        for (var cp : m.comparisons()) {
            out.append("  - name: ").append(quote(cp.name())).append('\n').append("    levels:\n");
            for (var l : cp.levels()) {
                out.append(String.format(Locale.ROOT, "      - {label: %s, weight: %.3f, m: %s, u: %s, "
                                + "match_pairs: %.1f, blocked_pairs: %d, random_pairs: %d}%n", quote(l.label()),
                        l.weight(), g(l.m()), g(l.u()), l.matchPairs(), l.blockedPairs(), l.randomPairs()));
            }
        }
        return out.toString();
    }

    private static String g(double d) {
        return String.format(Locale.ROOT, "%.6g", d);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
