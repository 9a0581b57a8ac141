package io.scv.block;

import io.scv.config.BlockingRule;
import io.scv.config.BlockingSettings;
import io.scv.config.ScvConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.*;

/**
 * Pairs records that share a blocking key. Per rule: one aggregation to size the blocks (hot keys above
 * {@code max_block_size} are skipped and reported), then the records gathered by key and paired within each block
 * ({@link BlockPairs}); pairs of all rules are de-duplicated with one more shuffle. Block sizes are counted for
 * every rule before any pair is formed, so a run whose rules exceed {@code max_candidate_pairs} stops before the
 * expensive work. Partitions follow {@code spark.sql.shuffle.partitions}.
 */
public final class Blocking {
    private static final Logger LOG = LoggerFactory.getLogger(Blocking.class);
    private static final String KEY = "_bkey";
    private static final String RULE = "_brule";

    private Blocking() {
    }

    public static BlockingResult run(Dataset<Row> records, ScvConfig config) {
        return run(records, config, null);
    }

    /**
     * As {@link #run(Dataset, ScvConfig)}, or with a scope only the pairs an incremental run must score: those with
     * at least one record that is new or changed, or that shares a key whose hot-key status flipped since the
     * previous run (a key that crossed {@code max_block_size} either way adds or removes pairs of unchanged
     * records). Block sizes, hot keys and the pair budget are still those of all records, as in a full run.
     */
    public static BlockingResult run(Dataset<Row> records, ScvConfig config, IncrementalScope scope) {
        BlockingSettings settings = config.blocking();
        List<BlockingRule> rules = settings.rules();
        var noWithin = List.copyOf(config.sourcesNotLinkedWithin());
        var spark = records.sparkSession();
        spark.sparkContext().setJobDescription("block: size the keys of every rule");
        var keyed = allRulesKeyed(records, rules).persist(StorageLevel.MEMORY_AND_DISK());
        var sizes = blockSizes(keyed, noWithin).persist(StorageLevel.MEMORY_AND_DISK());
        var counts = ruleCounts(rules, sizes, settings.maxBlockSize());
        var hotNow = new TreeSet<String>();
        var hotKeys = hotKeys(rules, sizes, settings.maxBlockSize(), hotNow);
        long total = 0;
        for (RuleCount count : counts) {
            total += count.pairs();
            LOG.info("block rule {}: {} keys, {} candidate pairs, {} hot keys skipped ({} records)",
                    count.rule(), count.keys(), count.pairs(), count.hotKeys(), count.recordsInHotKeys());
        }
        if (total > settings.maxCandidatePairs()) {
            keyed.unpersist();
            sizes.unpersist();
            throw new CandidatePairBudgetExceeded(String.format(
                    "blocking rules would produce %,d candidate pairs, above blocking.max_candidate_pairs = %,d; "
                            + "per rule: %s. Tighten the rules, lower blocking.max_block_size or raise the budget.",
                    total, settings.maxCandidatePairs(), counts));
        }
        spark.sparkContext().setJobDescription("block: de-duplicate the pairs of all rules");
        Dataset<Row> changed = scope == null ? null : widen(scope, hotNow, keyed, rules);
        Dataset<Row> pairs;
        if (changed == null) {
            pairs = pairsWithinBlocks(keyed, settings.maxBlockSize(), noWithin);
        } else {
            var cold = keyed.join(sizes.filter(col("n").leq(settings.maxBlockSize())).select(RULE, KEY),
                    new String[]{RULE, KEY}, "left_semi");
            pairs = joinChanged(cold, changed, noWithin);
        }
        // one bit per rule, in the order of the rule names, so the rules of a pair come out sorted by name
        var names = rules.stream().map(BlockingRule::name).sorted().toList();
        Column bitOfRule = element_at(array(rules.stream().map(r -> lit(1L << names.indexOf(r.name())))
                .toArray(Column[]::new)), col(RULE).plus(1));
        var distinct = pairs.groupBy("l_key", "r_key").agg(bit_or(bitOfRule).as("_rule_bits"))
                .select(col("l_key"), col("r_key"), filter(array(names.stream().map(functions::lit)
                        .toArray(Column[]::new)), (name, i) -> call_function("shiftright", col("_rule_bits"), i)
                        .bitwiseAND(1).equalTo(1)).as("rules"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long candidatePairs = distinct.count();
        if (changed != null) {
            changed = changed.localCheckpoint(true);
        }
        keyed.unpersist();
        sizes.unpersist();
        LOG.info("block: {} distinct candidate pairs from {} rules{}", candidatePairs, rules.size(),
                changed == null ? "" : " (incremental: pairs of new or changed records only)");
        return new BlockingResult(distinct, candidatePairs, counts, hotKeys, hotNow, changed);
    }

    /** Every rule's keys in one Dataset: {@code record_key}, {@code source}, the rule's index, the key. */
    private static Dataset<Row> allRulesKeyed(Dataset<Row> records, List<BlockingRule> rules) {
        Dataset<Row> all = null;
        for (int i = 0; i < rules.size(); i++) {
            var one = keyed(records, rules.get(i)).withColumn(RULE, lit(i));
            all = all == null ? one : all.unionByName(one);
        }
        return all;
    }

    /** {@code rule} + SHA-256 of the key: names a hot key in state without keeping its (personal) value. */
    private static Column fingerprint(List<BlockingRule> rules) {
        Column name = element_at(array(rules.stream().map(r -> lit(r.name())).toArray(Column[]::new)),
                col(RULE).plus(1));
        return concat(name, lit(":"), sha2(col(KEY), 256)).as("fingerprint");
    }

    /** The scope's changed records plus every record holding a key whose hot-key status flipped. */
    private static Dataset<Row> widen(IncrementalScope scope, Set<String> hotNow, Dataset<Row> keyed,
                                      List<BlockingRule> rules) {
        var flipped = new TreeSet<>(hotNow);
        flipped.addAll(scope.previousHotKeys());
        var both = new TreeSet<>(hotNow);
        both.retainAll(scope.previousHotKeys());
        flipped.removeAll(both);
        Dataset<Row> changed = scope.changed().select("record_key");
        if (flipped.isEmpty()) {
            return changed;
        }
        LOG.info("block: {} keys changed hot-key status since the previous run; their records are re-paired",
                flipped.size());
        return changed.unionByName(keyed.filter(fingerprint(rules).isin(flipped.toArray())).select("record_key"))
                .distinct();
    }

    /** Pairs of every rule with at least one changed record: changed records' keys joined to every record's. */
    private static Dataset<Row> joinChanged(Dataset<Row> keyed, Dataset<Row> changed, List<String> noWithinSources) {
        var l = keyed.join(changed, "record_key")
                .select(col(RULE), col(KEY), col("record_key").as("a_key"), col("source").as("a_source"));
        var r = keyed.select(col(RULE).as("_rrule"), col(KEY).as("_rkey"), col("record_key").as("b_key"),
                col("source").as("b_source"));
        Column cond = col(RULE).equalTo(col("_rrule")).and(col(KEY).equalTo(col("_rkey")))
                .and(col("a_key").notEqual(col("b_key")));
        if (!noWithinSources.isEmpty()) {
            cond = cond.and(not(col("a_source").equalTo(col("b_source"))
                    .and(col("a_source").isin(noWithinSources.toArray()))));
        }
        return l.join(r, cond).select(least(col("a_key"), col("b_key")).as("l_key"),
                greatest(col("a_key"), col("b_key")).as("r_key"), col(RULE));
    }

    /**
     * Pairs blocking could produce at most: all n(n-1)/2 pairs of records, less those inside each source whose
     * records are never paired with each other.
     *
     * @param records {@code source} per record
     */
    public static long comparablePairs(Dataset<Row> records, Set<String> sourcesNotLinkedWithin) {
        records.sparkSession().sparkContext().setJobDescription("block: count comparable pairs");
        long n = 0;
        long inside = 0;
        for (Row r : records.groupBy("source").count().collectAsList()) {
            n += r.getLong(1);
            inside += sourcesNotLinkedWithin.contains(r.getString(0)) ? r.getLong(1) * (r.getLong(1) - 1) / 2 : 0;
        }
        return n * (n - 1) / 2 - inside;
    }

    /** Candidate pairs each rule would produce (hot keys skipped), counted from block sizes without forming them. */
    public static List<RuleCount> pairCounts(Dataset<Row> records, ScvConfig config) {
        var rules = config.blocking().rules();
        records.sparkSession().sparkContext().setJobDescription("block: size the keys of every rule");
        var sizes = blockSizes(allRulesKeyed(records, rules), List.copyOf(config.sourcesNotLinkedWithin()));
        return ruleCounts(rules, sizes, config.blocking().maxBlockSize());
    }

    /** Keys, pairs (hot keys skipped), hot keys and their records, per rule in config order: one aggregation. */
    private static List<RuleCount> ruleCounts(List<BlockingRule> rules, Dataset<Row> sizes, int maxBlockSize) {
        Column hot = col("n").gt(maxBlockSize);
        var byRule = new HashMap<Integer, Row>();
        for (Row r : sizes.groupBy(RULE).agg(count(lit(1)),
                coalesce(sum(when(not(hot), col("pairs"))), lit(0)).cast("long"),
                coalesce(sum(when(hot, 1).otherwise(0)), lit(0)).cast("long"),
                coalesce(sum(when(hot, col("n")).otherwise(0)), lit(0)).cast("long")).collectAsList()) {
            byRule.put(r.getInt(0), r);
        }
        var out = new ArrayList<RuleCount>();
        for (int i = 0; i < rules.size(); i++) {
            Row r = byRule.get(i);
            out.add(r == null ? new RuleCount(rules.get(i).name(), 0, 0, 0, 0)
                    : new RuleCount(rules.get(i).name(), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
        }
        return out;
    }

    /**
     * Records per rule and key ({@code n}) and the pairs the key will produce ({@code pairs}): all n(n-1)/2, less
     * those inside a source declared duplicate-free, which are never scored. One aggregation: the records of each
     * such source are counted apart in it (a column per source), not by grouping by source first, which cost a
     * second shuffle of every key.
     */
    private static Dataset<Row> blockSizes(Dataset<Row> keyed, List<String> noWithinSources) {
        var aggs = new ArrayList<Column>();
        Column excluded = lit(0);
        for (int i = 0; i < noWithinSources.size(); i++) {
            Column ns = col("_ns" + i);
            aggs.add(count(when(col("source").equalTo(noWithinSources.get(i)), 1)).as("_ns" + i));
            excluded = excluded.plus(ns.multiply(ns.minus(1)).divide(2));
        }
        var perKey = keyed.groupBy(col(RULE), col(KEY)).agg(count(lit(1)).as("n"), aggs.toArray(Column[]::new));
        return perKey.select(col(RULE), col(KEY), col("n"), excluded.as("excluded"))
                .withColumn("pairs", col("n").multiply(col("n").minus(1)).divide(2).minus(col("excluded"))
                        .cast("long"));
    }

    /**
     * Each record's keys under one rule, exactly as blocking forms them: {@code record_key}, {@code source},
     * {@code key} (the key parts joined by U+0001). For {@code explain}, on a handful of records.
     */
    public static Dataset<Row> ruleKeys(Dataset<Row> records, BlockingRule rule) {
        return keyed(records, rule).withColumnRenamed(KEY, "key");
    }

    /** One row per (record, key) for the rule; array-valued keys are exploded; rows with a null key part dropped. */
    static Dataset<Row> keyed(Dataset<Row> records, BlockingRule rule) {
        var parts = new ArrayList<Column>();
        for (int i = 0; i < rule.keys().size(); i++) {
            parts.add(expr(rule.keys().get(i)).as("_k" + i));
        }
        var cols = new ArrayList<Column>(List.of(col("record_key"), col("source")));
        cols.addAll(parts);
        var df = records.select(cols.toArray(Column[]::new));
        Column allPresent = lit(true);
        var keyParts = new ArrayList<Column>();
        boolean exploded = false;
        for (int i = 0; i < rule.keys().size(); i++) {
            String k = "_k" + i;
            if (df.schema().apply(k).dataType() instanceof ArrayType) {
                df = df.withColumn(k, explode_outer(col(k)));
                exploded = true;
            }
            df = df.withColumn(k, col(k).cast("string"));
            allPresent = allPresent.and(col(k).isNotNull()).and(trim(col(k)).notEqual(""));
            keyParts.add(col(k));
        }
        var keys = df.filter(allPresent).select(col("record_key"), col("source"),
                concat_ws("\u0001", keyParts.toArray(Column[]::new)).as(KEY));
        // a record has one key per rule unless an array was exploded (it may repeat a value): only then a shuffle
        return exploded ? keys.distinct() : keys;
    }

    /** Every pair of records that share a key that is not hot: {@code l_key < r_key}, {@code _brule}. */
    private static Dataset<Row> pairsWithinBlocks(Dataset<Row> keyed, int maxBlockSize, List<String> noWithin) {
        // sorted by a hash of the block first: a sort compares 8-byte prefixes of its first column, and the rule
        // number alone (a handful of values) left nearly every comparison to the full rows
        var blocks = keyed.select(col(RULE), col(KEY), col("record_key"), col("source"),
                        xxhash64(col(RULE), col(KEY)).as("_block"))
                .repartition(col("_block"))
                .sortWithinPartitions("_block", RULE, KEY, "record_key");
        var pairs = blocks.javaRDD().mapPartitions(new BlockPairs(maxBlockSize, noWithin));
        return keyed.sparkSession().createDataFrame(pairs, new StructType()
                .add("l_key", DataTypes.StringType).add("r_key", DataTypes.StringType)
                .add(RULE, DataTypes.IntegerType));
    }

    /**
     * Reports each rule's hot keys (its 100 largest, by fingerprint) and adds every one, as {@code rule:sha256(key)}
     * (the format of {@link #fingerprint}), to {@code fingerprints}. One collect; hot keys are at most
     * records / cap per rule.
     */
    private static List<HotKey> hotKeys(List<BlockingRule> rules, Dataset<Row> sizes, int cap,
                                        Set<String> fingerprints) {
        var hot = sizes.filter(col("n").gt(cap)).orderBy(col(RULE), col("n").desc())
                .select(col(RULE), col(KEY), sha2(col(KEY), 256).as("sha"), col("n")).collectAsList();
        var out = new ArrayList<HotKey>();
        var reported = new HashMap<Integer, Integer>();
        for (Row r : hot) {
            String rule = rules.get(r.getInt(0)).name();
            fingerprints.add(rule + ":" + r.getString(2));
            if (reported.merge(r.getInt(0), 1, Integer::sum) > 100) {
                continue;
            }
            String fp = r.getString(2).substring(0, 12);
            LOG.warn("block rule {}: hot key {} shared by {} records skipped (cap {})", rule, fp, r.getLong(3), cap);
            LOG.debug("hot key {} of rule {} is '{}'", fp, rule, r.getString(1));
            out.add(new HotKey(rule, fp, r.getLong(3)));
        }
        return out;
    }
}
