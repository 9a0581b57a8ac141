package io.scv.eval;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.*;

/**
 * Which records are the same real-world entity: {@code mapping} has one row per record, {@code record_key}
 * ({@code source + ":" + source_id}, as ingest builds it) and {@code entity_id}, both strings.
 * <p>
 * A truth file is a CSV of one of two kinds, told apart by its header: record → entity
 * ({@code source,source_id,entity_id}) or labelled pairs ({@code source_l,source_id_l,source_r,source_id_r,is_match},
 * is_match 1/0/true/false). Labelled pairs become entities by a union-find of the positive pairs on the driver (at
 * most {@value #MAX_POSITIVE_PAIRS} of them; such files are hand-labelled and small); an entity's id is its smallest
 * record key. Records that only occur in negative pairs get no entity, so entity metrics leave them out; the pairs
 * themselves are kept in {@code labelledPairs} ({@code l_key < r_key}, {@code is_match} boolean) for pair-level
 * checks. Loading validates eagerly: one aggregation over the mapping (two shuffles), persisted for the metrics
 * that follow; labelled pairs add one aggregation and one join.
 *
 * @param labelledPairs null unless the truth was given as labelled pairs
 */
public record Truth(Dataset<Row> mapping, Dataset<Row> labelledPairs, TruthSummary summary) {
    private static final Logger LOG = LoggerFactory.getLogger(Truth.class);
    static final long MAX_POSITIVE_PAIRS = 1_000_000;
    static final List<String> RECORD_COLUMNS = List.of("source", "source_id", "entity_id");
    static final List<String> PAIR_COLUMNS = List.of("source_l", "source_id_l", "source_r", "source_id_r", "is_match");

    public enum Kind {
        RECORD_ENTITY, LABELLED_PAIRS;

        /** As it appears in reports: {@code record_entity}, {@code labelled_pairs}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Optional<Dataset<Row>> negativePairs() {
        return Optional.ofNullable(labelledPairs).map(p -> p.filter(not(col("is_match"))).select("l_key", "r_key"));
    }

    /** Releases the cached mapping and labelled pairs once the metrics are computed. */
    public void unpersist() {
        mapping.unpersist();
        if (labelledPairs != null) {
            labelledPairs.unpersist();
        }
    }

    /** Reads a truth CSV of either kind; the header decides which. All values are read as strings. */
    public static Truth load(SparkSession spark, String path) {
        spark.sparkContext().setJobDescription("evaluate: read truth header");
        var csv = withCleanHeader(spark.read().option("header", "true").csv(path));
        var columns = Arrays.asList(csv.columns());
        boolean records = columns.containsAll(RECORD_COLUMNS);
        boolean pairs = columns.containsAll(PAIR_COLUMNS);
        if (records == pairs) {
            throw new TruthFormatException(String.format("truth file %s has header %s; expected either %s "
                            + "(record to entity) or %s (labelled pairs, is_match 1/0/true/false)%s", path,
                    String.join(",", columns), String.join(",", RECORD_COLUMNS), String.join(",", PAIR_COLUMNS),
                    records ? ", not the columns of both" : ""));
        }
        return records ? ofEntityRecords(csv) : ofLabelledPairs(csv);
    }

    /** @param records {@code source}, {@code source_id}, {@code entity_id} */
    public static Truth ofEntityRecords(Dataset<Row> records) {
        requireColumns(records, RECORD_COLUMNS);
        return ofMapping(records.select(recordKey("source", "source_id").as("record_key"),
                col("entity_id").cast("string").as("entity_id")));
    }

    /** @param mapping {@code record_key}, {@code entity_id}; a record may repeat only with the same entity */
    public static Truth ofMapping(Dataset<Row> mapping) {
        requireColumns(mapping, List.of("record_key", "entity_id"));
        mapping.sparkSession().sparkContext().setJobDescription("evaluate: check truth mapping");
        var perRecord = mapping.select(col("record_key").cast("string").as("record_key"),
                        col("entity_id").cast("string").as("entity_id"))
                .groupBy("record_key")
                .agg(min("entity_id").as("entity_id"), max("entity_id").as("_other"),
                        count(when(col("entity_id").isNull(), 1)).as("_missing"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row r = perRecord.agg(count(lit(1)),
                count(when(col("record_key").isNull(), 1)),
                count(when(col("_missing").gt(0), 1)),
                count(when(col("entity_id").notEqual(col("_other")), 1)),
                countDistinct(col("entity_id"))).first();
        long emptyKeys = r.getLong(1);
        long emptyEntities = r.getLong(2);
        long twoEntities = r.getLong(3);
        if (emptyKeys > 0 || emptyEntities > 0) {
            perRecord.unpersist();
            throw new TruthFormatException(String.format("truth has rows with an empty source or source_id (%,d "
                    + "distinct) or an empty entity_id (%,d records); every row needs all of them", emptyKeys,
                    emptyEntities));
        }
        if (twoEntities > 0) {
            var examples = perRecord.filter(col("entity_id").notEqual(col("_other"))).limit(3).collectAsList()
                    .stream().map(e -> e.getString(0) + " (" + e.getString(1) + ", " + e.getString(2) + ")").toList();
            perRecord.unpersist();
            throw new TruthFormatException(String.format("truth gives %,d records more than one entity_id, e.g. %s; "
                    + "a record belongs to one entity", twoEntities, String.join("; ", examples)));
        }
        var summary = new TruthSummary(Kind.RECORD_ENTITY, r.getLong(0), r.getLong(4), 0, 0, 0);
        LOG.info("truth: {} records in {} entities", summary.records(), summary.entities());
        return new Truth(perRecord.select("record_key", "entity_id"), null, summary);
    }

    /** @param pairs {@code source_l}, {@code source_id_l}, {@code source_r}, {@code source_id_r}, {@code is_match} */
    public static Truth ofLabelledPairs(Dataset<Row> pairs) {
        requireColumns(pairs, PAIR_COLUMNS);
        var spark = pairs.sparkSession();
        spark.sparkContext().setJobDescription("evaluate: check labelled pairs");
        var label = lower(trim(col("is_match").cast("string")));
        var keyed = pairs
                .select(recordKey("source_l", "source_id_l").as("_a"), recordKey("source_r", "source_id_r").as("_b"),
                        col("is_match").cast("string").as("_label"),
                        when(label.isin("1", "true"), true).when(label.isin("0", "false"), false).as("is_match"))
                .select(least(col("_a"), col("_b")).as("l_key"), greatest(col("_a"), col("_b")).as("r_key"),
                        col("_label"), col("is_match"));
        checkLabelledPairs(keyed);
        var labelled = keyed.select("l_key", "r_key", "is_match").distinct().persist(StorageLevel.MEMORY_AND_DISK());
        Row counts = labelled.agg(count(when(col("is_match"), 1)), count(when(not(col("is_match")), 1))).first();
        long positives = counts.getLong(0);
        if (positives > MAX_POSITIVE_PAIRS) {
            labelled.unpersist();
            throw new TruthFormatException(String.format("labelled pairs truth has %,d positive pairs, more than the "
                    + "%,d that are joined into entities on the driver; give a record to entity truth (%s) instead",
                    positives, MAX_POSITIVE_PAIRS, String.join(",", RECORD_COLUMNS)));
        }
        spark.sparkContext().setJobDescription("evaluate: join positive labelled pairs into entities");
        var entities = entitiesOfPositivePairs(labelled.filter(col("is_match")).select("l_key", "r_key")
                .collectAsList());
        var schema = new StructType().add("record_key", DataTypes.StringType).add("entity_id", DataTypes.StringType);
        var rows = entities.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        // parallelize rather than a local relation, so a large file does not end up inside every query plan
        var mapping = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows),
                schema);
        long contradicted = negativePairsInsideEntities(labelled, mapping);
        if (contradicted > 0) {
            LOG.warn("truth: {} negative labelled pairs join records that positive pairs put into one entity",
                    contradicted);
        }
        var summary = new TruthSummary(Kind.LABELLED_PAIRS, entities.size(),
                entities.values().stream().distinct().count(), positives, counts.getLong(1), contradicted);
        LOG.info("truth: {} positive and {} negative labelled pairs; {} records in {} entities", positives,
                summary.negativePairs(), summary.records(), summary.entities());
        return new Truth(mapping, labelled, summary);
    }

    private static void checkLabelledPairs(Dataset<Row> keyed) {
        Row r = keyed.agg(count(when(col("l_key").isNull(), 1)),
                count(when(col("l_key").isNotNull().and(col("is_match").isNull()), 1)),
                count(when(col("l_key").equalTo(col("r_key")), 1))).first();
        if (r.getLong(0) > 0) {
            throw new TruthFormatException(String.format("labelled pairs truth has %,d rows with an empty source or "
                    + "source_id; every row needs source_l, source_id_l, source_r and source_id_r", r.getLong(0)));
        }
        if (r.getLong(1) > 0) {
            var bad = keyed.filter(col("is_match").isNull()).select("_label").distinct().limit(3).collectAsList()
                    .stream().map(b -> "'" + b.getString(0) + "'").toList();
            throw new TruthFormatException(String.format("is_match must be 1, 0, true or false, was: %s (%,d rows)",
                    String.join(", ", bad), r.getLong(1)));
        }
        if (r.getLong(2) > 0) {
            var example = keyed.filter(col("l_key").equalTo(col("r_key"))).first().getString(0);
            throw new TruthFormatException(String.format("labelled pairs truth pairs %,d records with themselves, "
                    + "e.g. %s; a pair needs two different records", r.getLong(2), example));
        }
        var bothWays = keyed.groupBy("l_key", "r_key").agg(countDistinct("is_match").as("_labels"))
                .filter(col("_labels").gt(1));
        var examples = bothWays.limit(3).collectAsList();
        if (!examples.isEmpty()) {
            throw new TruthFormatException(String.format("labelled pairs truth labels pairs both match and non-match, "
                    + "e.g. %s; give each pair one label", String.join("; ", examples.stream()
                    .map(e -> e.getString(0) + " / " + e.getString(1)).toList())));
        }
    }

    /** Record key → entity id (the smallest record key of its connected component). */
    static Map<String, String> entitiesOfPositivePairs(List<Row> positivePairs) {
        var index = new HashMap<String, Integer>();
        var keys = new ArrayList<String>();
        var edges = new int[positivePairs.size() * 2];
        for (int i = 0; i < positivePairs.size(); i++) {
            for (int side = 0; side < 2; side++) {
                String key = positivePairs.get(i).getString(side);
                edges[2 * i + side] = index.computeIfAbsent(key, k -> {
                    keys.add(k);
                    return keys.size() - 1;
                });
            }
        }
        var sets = new UnionFind(keys.size());
        for (int i = 0; i < edges.length; i += 2) {
            sets.union(edges[i], edges[i + 1]);
        }
        var smallestKey = new HashMap<Integer, String>();
        for (int i = 0; i < keys.size(); i++) {
            smallestKey.merge(sets.find(i), keys.get(i), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        var entities = new HashMap<String, String>();
        for (int i = 0; i < keys.size(); i++) {
            entities.put(keys.get(i), smallestKey.get(sets.find(i)));
        }
        return entities;
    }

    private static long negativePairsInsideEntities(Dataset<Row> labelled, Dataset<Row> mapping) {
        labelled.sparkSession().sparkContext().setJobDescription("evaluate: check negative labelled pairs");
        return labelled.filter(not(col("is_match")))
                .join(mapping.select(col("record_key").as("l_key"), col("entity_id").as("_le")), "l_key")
                .join(mapping.select(col("record_key").as("r_key"), col("entity_id").as("_re")), "r_key")
                .filter(col("_le").equalTo(col("_re")))
                .count();
    }

    private static Column recordKey(String source, String sourceId) {
        return concat(col(source).cast("string"), lit(":"), col(sourceId).cast("string"));
    }

    /** Header names without surrounding blanks or a byte order mark, as spreadsheets tend to write them. */
    private static Dataset<Row> withCleanHeader(Dataset<Row> csv) {
        return csv.toDF(Arrays.stream(csv.columns()).map(c -> c.replace("\uFEFF", "").trim()).toArray(String[]::new));
    }

    private static void requireColumns(Dataset<Row> df, List<String> required) {
        var columns = Arrays.asList(df.columns());
        for (String c : required) {
            if (!columns.contains(c)) {
                throw new TruthFormatException(String.format("truth lacks column '%s'; it has %s, expected %s", c,
                        String.join(",", columns), String.join(",", required)));
            }
        }
    }
}
