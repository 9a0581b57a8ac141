package io.scv.train;

import io.scv.block.Blocking;
import io.scv.block.BlockingResult;
import io.scv.compare.Scoring;
import io.scv.config.BlockingRule;
import io.scv.config.BlockingSettings;
import io.scv.config.CanonicalField;
import io.scv.config.Comparison;
import io.scv.config.ComparisonLevel;
import io.scv.config.ScvConfig;
import io.scv.config.TrainedModel;
import io.scv.config.TrainingSettings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.*;

/**
 * Trains the Fellegi–Sunter model of a config without labels.
 * <ol>
 *   <li>u: the share of random comparable record pairs at each level (all comparable pairs when there are no more
 *   than {@code training.random_pairs} of them, otherwise a seeded sample);</li>
 *   <li>m: expectation-maximisation with u fixed ({@link ExpectationMaximisation}), once per training rule (the
 *   run's blocking rules plus one exact-agreement rule per single-field comparison), each leaving out the
 *   comparisons that read the rule's fields or depend on them ({@link Dependence}); a comparison's m sums the
 *   rules' expected matching pairs per level;</li>
 *   <li>weights log2(m/u); the prior is the expected matches among the run's candidate pairs over all comparable
 *   pairs ({@link Prior});</li>
 *   <li>the match threshold that maximises the expected F1 ({@link ThresholdChoice}).</li>
 * </ol>
 * Pseudo-counts of half a pair keep every m and u above zero, so no weight is infinite.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final double PSEUDO_PAIRS = 0.5;
    static final String EXACT_RULE_PREFIX = "train_exact_";
    /** A rule's EM needs this many comparisons left to tell matches from non-matches. */
    private static final int MIN_COMPARISONS = 2;

    private Trainer() {
    }

    public static TrainedModel train(Dataset<Row> records, ScvConfig config, String configLabel) {
        var comparisons = config.comparisons();
        var spark = records.sparkSession();
        var noWithin = config.sourcesNotLinkedWithin();
        double comparable = Blocking.comparablePairs(records, noWithin);
        if (comparable < 1) {
            throw new IllegalArgumentException("no two records may be compared (one record, or every source is "
                    + "linked only to others and there is just one); nothing to train on");
        }

        spark.sparkContext().setJobDescription("train: levels of random pairs (u)");
        var random = randomPairs(records, noWithin, comparable, config.training().randomPairs(),
                config.training().seed()).cache();
        long randomPairs = random.count();
        var randomPatterns = patterns(Scoring.levels(random, records, config), comparisons);
        random.unpersist();
        int[] levelCounts = comparisons.stream().mapToInt(c -> c.levels().size()).toArray();
        long[][] randomCounts = marginalCounts(randomPatterns, levelCounts);
        var dependence = Dependence.of(randomPatterns, levelCounts);
        logDependence(comparisons, dependence);
        double[][] uRandom = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            uRandom[c] = smoothed(randomCounts[c]);
        }

        spark.sparkContext().setJobDescription("train: level patterns of blocked pairs (m)");
        var trainingRules = trainingRules(config);
        BlockingResult blocked = Blocking.run(records, config);
        var groups = groups(Scoring.levels(blocked.pairs(), records, config), comparisons);
        blocked.pairs().unpersist();
        long candidatePairs = groups.stream().mapToLong(Group::count).sum();
        var allGroups = new ArrayList<>(groups);
        for (BlockingRule rule : trainingRules.subList(config.blocking().rules().size(), trainingRules.size())) {
            allGroups.addAll(trainingRuleGroups(records, config, rule));
        }
        var fits = fitRules(trainingRules, allGroups, comparisons, levelCounts, uRandom, dependence,
                config.training());
        double[][] m = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            m[c] = combinedM(c, fits.missing().contains(c) ? fits.fallback() : fits.strict(), levelCounts[c]);
        }
        double[][] weights = new double[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            weights[c] = new double[levelCounts[c]];
            for (int l = 0; l < levelCounts[c]; l++) {
                weights[c][l] = log2(m[c][l] / uRandom[c][l]);
            }
        }
        double[] evidence = new double[groups.size()];
        long[] counts = new long[groups.size()];
        double[][] matchPairs = new double[comparisons.size()][];
        long[][] blockedCounts = new long[comparisons.size()][];
        for (int c = 0; c < comparisons.size(); c++) {
            matchPairs[c] = new double[levelCounts[c]];
            blockedCounts[c] = new long[levelCounts[c]];
        }
        for (int i = 0; i < groups.size(); i++) {
            int[] levels = groups.get(i).levels();
            counts[i] = groups.get(i).count();
            for (int c = 0; c < comparisons.size(); c++) {
                if (levels[c] >= 0) {
                    evidence[i] += weights[c][levels[c]];
                    blockedCounts[c][levels[c]] += counts[i];
                }
            }
        }
        double startMatches = fits.strict().stream().mapToDouble(f -> f.fit().expectedMatches()).max().orElse(1);
        var prior = Prior.estimate(evidence, counts, comparable, startMatches);
        double[] posterior = prior.posteriors();
        for (int i = 0; i < groups.size(); i++) {
            int[] levels = groups.get(i).levels();
            for (int c = 0; c < comparisons.size(); c++) {
                if (levels[c] >= 0) {
                    matchPairs[c][levels[c]] += counts[i] * posterior[i];
                }
            }
        }
        double expectedMatches = prior.expectedMatches();
        LOG.info("train: {} candidate pairs, {} expected matches", candidatePairs, Math.round(expectedMatches));
        double[] scores = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            scores[i] = prior.weight() + evidence[i];
        }
        var choice = ThresholdChoice.best(scores, posterior, counts);
        LOG.info("train: match threshold {} (score {}), expected F1 {}", choice.probability(), choice.score(),
                choice.expectedF1());

        var params = new ArrayList<TrainedModel.ComparisonParams>();
        for (int c = 0; c < comparisons.size(); c++) {
            var levels = new ArrayList<TrainedModel.LevelParams>();
            List<ComparisonLevel> cl = comparisons.get(c).levels();
            for (int l = 0; l < cl.size(); l++) {
                levels.add(new TrainedModel.LevelParams(cl.get(l).label(), m[c][l], uRandom[c][l],
                        weights[c][l], matchPairs[c][l], blockedCounts[c][l], randomCounts[c][l]));
            }
            params.add(new TrainedModel.ComparisonParams(comparisons.get(c).name(), levels));
        }
        var ruleFits = java.util.stream.Stream.concat(fits.strict().stream(), fits.fallback().stream())
                .map(RuleModel::fit).toList();
        var counts0 = new TrainedModel.Counts(candidatePairs, randomPairs, comparable, expectedMatches,
                ruleFits.stream().mapToInt(TrainedModel.RuleFit::iterations).sum(),
                ruleFits.stream().allMatch(TrainedModel.RuleFit::converged));
        return new TrainedModel(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), configLabel,
                prior.probability(), clampThreshold(choice.probability()), choice.expectedF1(), counts0, ruleFits,
                params);
    }

    private static void logDependence(List<Comparison> comparisons, Dependence dependence) {
        for (int a = 0; a < comparisons.size(); a++) {
            for (int b = a + 1; b < comparisons.size(); b++) {
                if (dependence.dependent(a, b) || LOG.isDebugEnabled()) {
                    LOG.info("train: {} and {} agree together {} times as often as chance{}",
                            comparisons.get(a).name(), comparisons.get(b).name(),
                            String.format(java.util.Locale.ROOT, "%.1f", dependence.lift(a, b)),
                            dependence.dependent(a, b) ? " (dependent: left out together)" : "");
                }
            }
        }
    }

    /**
     * @param strict   the fits of the rules with dependent comparisons left out
     * @param fallback for the comparisons no strict fit learned ({@code missing}), the fits of the rules that merely
     *                 do not read their fields
     */
    record Fits(List<RuleModel> strict, List<RuleModel> fallback, Set<Integer> missing) {
    }

    /**
     * One EM per training rule. A comparison no rule could learn (the dependence test can mistake true matches
     * among the random pairs for dependence when there are few comparisons) is learned from the rules that do not
     * read its fields.
     */
    private static Fits fitRules(List<BlockingRule> rules, List<Group> groups, List<Comparison> comparisons,
                                 int[] levelCounts, double[][] uRandom, Dependence dependence, TrainingSettings t) {
        var strict = new ArrayList<RuleModel>();
        for (BlockingRule rule : rules) {
            fitRule(rule, groups, comparisons, levelCounts, uRandom, dependence, t).ifPresent(strict::add);
        }
        var missing = new java.util.TreeSet<Integer>();
        for (int c = 0; c < comparisons.size(); c++) {
            final int cc = c;
            if (strict.stream().allMatch(f -> f.excluded()[cc])) {
                missing.add(c);
            }
        }
        var fallback = new ArrayList<RuleModel>();
        if (!missing.isEmpty()) {
            var none = Dependence.none(comparisons.size());
            for (BlockingRule rule : rules) {
                fitRule(rule, groups, comparisons, levelCounts, uRandom, none, t)
                        .filter(f -> missing.stream().anyMatch(c -> !f.excluded()[c]))
                        .ifPresent(fallback::add);
            }
        }
        if (strict.isEmpty() && fallback.isEmpty()) {
            throw new IllegalArgumentException("no blocking rule leaves a comparison to learn from: every rule's "
                    + "keys read the fields of every comparison");
        }
        return new Fits(strict, fallback, missing);
    }

    /**
     * The run's blocking rules plus, for each comparison on a single field, a rule pairing records that agree
     * exactly on that field ({@value #EXACT_RULE_PREFIX}field). Such a rule leaves every other comparison to learn
     * from: pairs in the same ZIP teach what names do, pairs with the same name teach what places do. They serve
     * training only; the run blocks with its own rules.
     */
    static List<BlockingRule> trainingRules(ScvConfig config) {
        var rules = new ArrayList<>(config.blocking().rules());
        var seen = new java.util.HashSet<List<String>>();
        rules.forEach(r -> seen.add(r.keys()));
        for (Comparison c : config.comparisons()) {
            boolean list = c.field() == null
                    || CanonicalField.byColumn(c.field()).map(CanonicalField::isArray).orElse(false);
            if (!list && seen.add(List.of(c.field()))) {
                rules.add(new BlockingRule(EXACT_RULE_PREFIX + c.field(), List.of(c.field())));
            }
        }
        return rules;
    }

    /**
     * Level patterns of a training-only rule's pairs. A rule that would produce more than
     * {@code training.max_pairs_per_rule} pairs runs on a seeded sample of the records (pairs shrink with the
     * square of the share kept), so training stays affordable on a large or skewed field.
     */
    private static List<Group> trainingRuleGroups(Dataset<Row> records, ScvConfig config, BlockingRule rule) {
        var single = config.withBlocking(new BlockingSettings(config.blocking().maxBlockSize(), Long.MAX_VALUE,
                List.of(rule)));
        long pairs = Blocking.pairCounts(records, single).get(0).pairs();
        long cap = config.training().maxPairsPerRule();
        double share = pairs <= cap ? 1 : Math.sqrt((double) cap / pairs);
        var sample = share < 1 ? records.sample(false, share, config.training().seed()) : records;
        if (share < 1) {
            LOG.info("train: rule {} would produce {} pairs; training on a {} sample of the records", rule.name(),
                    pairs, String.format(java.util.Locale.ROOT, "%.3f", share));
        }
        var blocked = Blocking.run(sample, single);
        var out = groups(Scoring.levels(blocked.pairs(), records, config), config.comparisons());
        blocked.pairs().unpersist();
        return out;
    }

    /** Pairs with the same levels and the same producing rules. */
    record Group(int[] levels, List<String> rules, long count) {
    }

    /** One rule's EM result: which comparisons it left out, and its λ, m and u. */
    record RuleModel(TrainedModel.RuleFit fit, boolean[] excluded, ExpectationMaximisation.Result em) {
    }

    /**
     * EM over the pairs the rule produced, with its own fields' comparisons treated as null. Empty when the rule
     * produced no pairs or leaves nothing to compare.
     */
    private static Optional<RuleModel> fitRule(BlockingRule rule, List<Group> groups, List<Comparison> comparisons,
                                               int[] levelCounts, double[][] uRandom, Dependence dependence,
                                               TrainingSettings t) {
        var ruleFields = rule.fieldsUsed();
        boolean[] direct = new boolean[comparisons.size()];
        for (int c = 0; c < comparisons.size(); c++) {
            direct[c] = comparisons.get(c).fieldsUsed().stream().anyMatch(ruleFields::contains);
        }
        boolean[] excluded = new boolean[comparisons.size()];
        var excludedNames = new ArrayList<String>();
        for (int c = 0; c < comparisons.size(); c++) {
            for (int d = 0; d < comparisons.size() && !excluded[c]; d++) {
                excluded[c] = d == c ? direct[c] : direct[d] && dependence.dependent(c, d);
            }
            if (excluded[c]) {
                excludedNames.add(comparisons.get(c).name());
            }
        }
        var merged = new LinkedHashMap<List<Integer>, Long>();
        long pairs = 0;
        for (Group g : groups) {
            if (g.rules().contains(rule.name())) {
                merged.merge(masked(g.levels(), excluded), g.count(), Long::sum);
                pairs += g.count();
            }
        }
        if (pairs == 0 || comparisons.size() - excludedNames.size() < MIN_COMPARISONS) {
            LOG.info("train: rule {} skipped ({})", rule.name(), pairs == 0 ? "no pairs"
                    : "fewer than " + MIN_COMPARISONS + " comparisons left after " + excludedNames);
            return Optional.empty();
        }
        var patterns = merged.entrySet().stream()
                .map(e -> new Pattern(e.getKey().stream().mapToInt(Integer::intValue).toArray(), e.getValue()))
                .toList();
        var em = ExpectationMaximisation.estimate(patterns, levelCounts, uRandom, true, t.maxIterations(),
                t.tolerance());
        var fit = new TrainedModel.RuleFit(rule.name(), pairs, em.lambda() * pairs, em.iterations(), em.converged(),
                excludedNames);
        LOG.info("train: rule {}: {} pairs, {} expected matches, EM {} after {} iterations", rule.name(), pairs,
                Math.round(fit.expectedMatches()), em.converged() ? "converged" : "stopped", em.iterations());
        return Optional.of(new RuleModel(fit, excluded, em));
    }

    private static List<Integer> masked(int[] levels, boolean[] excluded) {
        var out = new ArrayList<Integer>(levels.length);
        for (int c = 0; c < levels.length; c++) {
            out.add(excluded[c] ? -1 : levels[c]);
        }
        return out;
    }

    /**
     * m of one comparison: the expected matching pairs at each level summed over the rules that compared it (each
     * rule's m times its expected matches), plus half a pseudo-pair per level. A comparison every rule leaves out
     * keeps the starting m and is reported.
     */
    private static double[] combinedM(int c, List<RuleModel> fits, int levels) {
        double[] matches = new double[levels];
        boolean any = false;
        for (RuleModel f : fits) {
            if (!f.excluded()[c]) {
                any = true;
                for (int l = 0; l < levels; l++) {
                    matches[l] += f.fit().expectedMatches() * f.em().m()[c][l];
                }
            }
        }
        if (!any) {
            LOG.warn("train: comparison #{} is left out by every training rule; its m is not learned", c + 1);
            return ExpectationMaximisation.initialM(levels);
        }
        return smoothed(matches);
    }

    /** A threshold of exactly 0 or 1 would take everything or nothing; keep it strictly inside. */
    private static double clampThreshold(double p) {
        return Math.min(1 - 1e-12, Math.max(1e-6, p));
    }

    /**
     * Comparable pairs ({@code l_key}, {@code r_key}): all of them when there are at most {@code wanted}, else
     * about {@code wanted} drawn uniformly with replacement.
     */
    static Dataset<Row> randomPairs(Dataset<Row> records, Set<String> noWithin, double comparable, int wanted,
                                    long seed) {
        var keys = records.select("record_key", "source");
        var comparableCond = noWithin.isEmpty() ? lit(true)
                : not(col("l_source").equalTo(col("r_source")).and(col("l_source").isin(noWithin.toArray())));
        if (comparable <= wanted) {
            var l = keys.select(col("record_key").as("l_key"), col("source").as("l_source"));
            var r = keys.select(col("record_key").as("r_key"), col("source").as("r_source"));
            return l.crossJoin(r).filter(col("l_key").lt(col("r_key")).and(comparableCond))
                    .select("l_key", "r_key");
        }
        var spark = records.sparkSession();
        var indexedRows = keys.javaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1().getString(0), t._1().getString(1), t._2()));
        var indexed = spark.createDataFrame(indexedRows, new StructType().add("record_key", DataTypes.StringType)
                .add("source", DataTypes.StringType).add("idx", DataTypes.LongType)).cache();
        long n = indexed.count();
        double share = comparable / (n * (n - 1) / 2.0);
        long draws = (long) Math.min(20.0 * wanted, Math.ceil(wanted / share * 1.05));
        var l = indexed.select(col("idx").as("li"), col("record_key").as("l_key"), col("source").as("l_source"));
        var r = indexed.select(col("idx").as("ri"), col("record_key").as("r_key"), col("source").as("r_source"));
        return spark.range(draws)
                .select(floor(rand(seed).multiply(n)).cast("long").as("li"),
                        floor(rand(seed + 1).multiply(n)).cast("long").as("ri"))
                .join(l, "li").join(r, "ri")
                .filter(col("l_key").notEqual(col("r_key")).and(comparableCond))
                .select(least(col("l_key"), col("r_key")).as("l_key"), greatest(col("l_key"), col("r_key")).as("r_key"));
    }

    /** Per comparison, pairs at each level (null level not counted). */
    private static long[][] marginalCounts(List<Pattern> patterns, int[] levelCounts) {
        long[][] out = new long[levelCounts.length][];
        for (int c = 0; c < levelCounts.length; c++) {
            out[c] = new long[levelCounts[c]];
        }
        for (Pattern p : patterns) {
            for (int c = 0; c < levelCounts.length; c++) {
                if (p.levels()[c] >= 0) {
                    out[c][p.levels()[c]] += p.count();
                }
            }
        }
        return out;
    }

    private static List<Pattern> patterns(Dataset<Row> levels, List<Comparison> comparisons) {
        var index = labelIndex(comparisons);
        var out = new ArrayList<Pattern>();
        for (Row r : levels.groupBy("levels").count().collectAsList()) {
            out.add(new Pattern(levelIndexes(r.getList(0), index), r.getLong(1)));
        }
        return out;
    }

    private static int[] levelIndexes(List<String> labels, List<Map<String, Integer>> index) {
        int[] idx = new int[labels.size()];
        for (int c = 0; c < idx.length; c++) {
            idx[c] = index.get(c).getOrDefault(labels.get(c), -1);
        }
        return idx;
    }

    private static List<Group> groups(Dataset<Row> levels, List<Comparison> comparisons) {
        var index = labelIndex(comparisons);
        var out = new ArrayList<Group>();
        for (Row r : levels.groupBy("levels", "rules").count().collectAsList()) {
            out.add(new Group(levelIndexes(r.getList(0), index), List.copyOf(r.<String>getList(1)), r.getLong(2)));
        }
        return out;
    }

    private static List<Map<String, Integer>> labelIndex(List<Comparison> comparisons) {
        var out = new ArrayList<Map<String, Integer>>();
        for (Comparison c : comparisons) {
            var m = new HashMap<String, Integer>();
            for (int l = 0; l < c.levels().size(); l++) {
                m.put(c.levels().get(l).label(), l);
            }
            out.add(m);
        }
        return out;
    }

    private static double[] smoothed(long[] counts) {
        double[] d = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            d[i] = counts[i];
        }
        return smoothed(d);
    }

    /** Shares of the counts with half a pseudo-pair per level, so none is zero. */
    static double[] smoothed(double[] counts) {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = (counts[i] + PSEUDO_PAIRS) / (total + PSEUDO_PAIRS * counts.length);
        }
        return out;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
