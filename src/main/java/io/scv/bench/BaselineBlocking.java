package io.scv.bench;

import io.scv.block.CandidatePairBudgetExceeded;
import io.scv.block.RuleCount;
import io.scv.config.BlockingRule;
import io.scv.config.ScvConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Pairs records that share a blocking key, as the job's {@code Blocking} does: per rule each record's keys (the key
 * expressions' values joined by U+0001; a list field gives one key per element; a null or blank part gives none),
 * blocks of the records sharing a key, blocks larger than {@code max_block_size} skipped as hot keys, pairs inside a
 * source that is not linked within left out. All rules' blocks are sized before any pair is formed, so a run above
 * {@code max_candidate_pairs} stops first. Pairs of all rules are de-duplicated.
 *
 * <p>Keys are computed on all cores; blocks are a hash map from key to block number and a counting sort of the
 * records by block; a pair is one {@code long} (lower record index in the high half), and the pairs of all rules are
 * sorted on all cores and de-duplicated in place.
 */
final class BaselineBlocking {
    private static final Logger LOG = LoggerFactory.getLogger(BaselineBlocking.class);

    /** The distinct candidate pairs, sorted (see {@link #left}, {@link #right}), and the job's counts per rule. */
    record Pairs(long[] pairs, List<RuleCount> perRule) {
        long count() {
            return pairs.length;
        }
    }

    private final ScvConfig config;
    private final List<List<BaselineKeyExpression>> rules = new ArrayList<>();

    /** Parses every rule's key expressions; refuses one the baseline cannot evaluate. */
    BaselineBlocking(ScvConfig config, Set<String> extraFields) {
        this.config = config;
        var all = config.blocking().rules();
        for (int i = 0; i < all.size(); i++) {
            var keys = new ArrayList<BaselineKeyExpression>();
            for (int k = 0; k < all.get(i).keys().size(); k++) {
                keys.add(BaselineKeyExpression.parse(all.get(i).keys().get(k),
                        "blocking.rules[" + i + "].keys[" + k + "]", extraFields));
            }
            rules.add(keys);
        }
    }

    /** The standardised fields the keys read. */
    Set<String> fields() {
        var out = new TreeSet<String>();
        rules.forEach(r -> r.forEach(k -> out.addAll(k.fields())));
        return out;
    }

    static int left(long pair) {
        return (int) (pair >>> 32);
    }

    static int right(long pair) {
        return (int) pair;
    }

    Pairs run(BaselineRecords records) {
        var notWithin = notLinkedWithin(records);
        var blocks = new ArrayList<Blocks>();
        var counts = new ArrayList<RuleCount>();
        long total = 0;
        for (int i = 0; i < rules.size(); i++) {
            var b = blocks(rules.get(i), records, notWithin);
            blocks.add(b);
            counts.add(new RuleCount(config.blocking().rules().get(i).name(), b.keys(), b.pairs, b.hotKeys,
                    b.recordsInHotKeys));
            total += b.pairs;
        }
        if (total > config.blocking().maxCandidatePairs()) {
            throw new CandidatePairBudgetExceeded(String.format(Locale.ROOT, "blocking rules would produce %,d candidate pairs, "
                    + "above blocking.max_candidate_pairs = %,d; per rule: %s", total,
                    config.blocking().maxCandidatePairs(), counts));
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new BaselineUnsupportedConfig("blocking.max_candidate_pairs", String.format(Locale.ROOT, "%,d candidate pairs "
                    + "before de-duplication, more than one array holds", total));
        }
        long[] pairs = new long[(int) total];
        int n = 0;
        for (Blocks b : blocks) {
            n = b.pairsInto(pairs, n);
        }
        Arrays.parallelSort(pairs, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || pairs[i] != pairs[distinct - 1]) {
                pairs[distinct++] = pairs[i];
            }
        }
        for (RuleCount c : counts) {
            LOG.info("baseline block rule {}: {} keys, {} candidate pairs, {} hot keys skipped", c.rule(), c.keys(),
                    c.pairs(), c.hotKeys());
        }
        return new Pairs(Arrays.copyOf(pairs, distinct), counts);
    }

    /** Per source index: whether its records are never paired with each other. */
    private boolean[] notLinkedWithin(BaselineRecords records) {
        Set<String> names = config.sourcesNotLinkedWithin();
        boolean[] out = new boolean[records.sources().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.contains(records.sources().get(i));
        }
        return out;
    }

    /** One rule's blocks: the records of block b are {@code members[start[b]..start[b+1])}. */
    private static final class Blocks {
        private final int[] start;
        private final int[] members;
        private final boolean[] hot;
        private final int[] source;
        private final boolean[] notWithin;
        private long pairs;
        private long hotKeys;
        private long recordsInHotKeys;

        Blocks(int[] start, int[] members, int maxBlockSize, int[] source, boolean[] notWithin) {
            this.start = start;
            this.members = members;
            this.source = source;
            this.notWithin = notWithin;
            this.hot = new boolean[start.length - 1];
            for (int b = 0; b < hot.length; b++) {
                int size = start[b + 1] - start[b];
                hot[b] = size > maxBlockSize;
                if (hot[b]) {
                    hotKeys++;
                    recordsInHotKeys += size;
                } else if (size > 1) {
                    pairs += pairsIn(b);
                }
            }
        }

        long keys() {
            return hot.length;
        }

        /** n(n-1)/2, less the pairs inside each source that is not linked within. */
        private long pairsIn(int b) {
            long size = start[b + 1] - start[b];
            long all = size * (size - 1) / 2;
            if (!anyNotWithin()) {
                return all;
            }
            var perSource = new HashMap<Integer, Integer>();
            for (int m = start[b]; m < start[b + 1]; m++) {
                perSource.merge(source[members[m]], 1, Integer::sum);
            }
            for (var e : perSource.entrySet()) {
                if (notWithin[e.getKey()]) {
                    all -= (long) e.getValue() * (e.getValue() - 1) / 2;
                }
            }
            return all;
        }

        private boolean anyNotWithin() {
            for (boolean b : notWithin) {
                if (b) {
                    return true;
                }
            }
            return false;
        }

        /** Writes the pairs of every block that is not hot from {@code out[from]}; returns the next free index. */
        int pairsInto(long[] out, int from) {
            int n = from;
            boolean checkSource = anyNotWithin();
            for (int b = 0; b < hot.length; b++) {
                if (hot[b]) {
                    continue;
                }
                for (int i = start[b]; i < start[b + 1]; i++) {
                    for (int j = i + 1; j < start[b + 1]; j++) {
                        int x = members[i];
                        int y = members[j];
                        if (checkSource && source[x] == source[y] && notWithin[source[x]]) {
                            continue;
                        }
                        out[n++] = x < y ? ((long) x << 32) | y : ((long) y << 32) | x;
                    }
                }
            }
            return n;
        }
    }

    private Blocks blocks(List<BaselineKeyExpression> keys, BaselineRecords records, boolean[] notWithin) {
        int n = records.size();
        var values = keys.stream().map(k -> k.bind(records)).toList();
        String[][] keysOf = new String[n][];
        IntStream.range(0, n).parallel().forEach(r -> keysOf[r] = keysOf(values, r));
        var blockOf = new HashMap<String, Integer>();
        int entries = 0;
        for (String[] k : keysOf) {
            entries += k.length;
        }
        int[] entryBlock = new int[entries];
        int[] entryRecord = new int[entries];
        int e = 0;
        for (int r = 0; r < n; r++) {
            for (String key : keysOf[r]) {
                Integer b = blockOf.putIfAbsent(key, blockOf.size());
                entryBlock[e] = b == null ? blockOf.size() - 1 : b;
                entryRecord[e++] = r;
            }
            keysOf[r] = null;
        }
        int[] start = new int[blockOf.size() + 1];
        for (int b : entryBlock) {
            start[b + 1]++;
        }
        for (int b = 0; b < blockOf.size(); b++) {
            start[b + 1] += start[b];
        }
        int[] fill = Arrays.copyOf(start, blockOf.size());
        int[] members = new int[entries];
        for (int i = 0; i < entries; i++) {
            members[fill[entryBlock[i]]++] = entryRecord[i];
        }
        return new Blocks(start, members, config.blocking().maxBlockSize(), records.sourceOf(), notWithin);
    }

    /** A record's distinct keys under one rule: the product of its parts' values, none when a part is blank. */
    private static String[] keysOf(List<BaselineKeyExpression.Values> parts, int record) {
        if (parts.stream().noneMatch(BaselineKeyExpression.Values::isList)) {
            return singleKey(parts, record);
        }
        List<String> keys = List.of("");
        for (int p = 0; p < parts.size(); p++) {
            var part = parts.get(p);
            String[] values = part.isList() ? part.many(record) : new String[]{part.one(record)};
            var next = new ArrayList<String>(keys.size() * values.length);
            for (String prefix : keys) {
                for (String v : values) {
                    if (isBlank(v)) {
                        continue;
                    }
                    next.add(p == 0 ? v : prefix + '\u0001' + v);
                }
            }
            if (next.isEmpty()) {
                return BaselineText.NO_VALUES;
            }
            keys = next;
        }
        return keys.size() == 1 ? new String[]{keys.get(0)} : new LinkedHashSet<>(keys).toArray(String[]::new);
    }

    /** The one key of a record under a rule without list fields, or none. */
    private static String[] singleKey(List<BaselineKeyExpression.Values> parts, int record) {
        String key = parts.get(0).one(record);
        if (isBlank(key)) {
            return BaselineText.NO_VALUES;
        }
        for (int p = 1; p < parts.size(); p++) {
            String v = parts.get(p).one(record);
            if (isBlank(v)) {
                return BaselineText.NO_VALUES;
            }
            key = key + '\u0001' + v;
        }
        return new String[]{key};
    }

    /** The job drops a key part that is null or empty once Spark's trim has removed its spaces. */
    private static boolean isBlank(String v) {
        if (v == null) {
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }
}
