package io.scv.golden;

import io.scv.config.CanonicalField;
import io.scv.config.GoldenAggregate;
import io.scv.config.GoldenSettings;
import io.scv.config.ScvConfig;
import io.scv.ingest.RecordKeys;
import io.scv.standardize.Standardize;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.*;

/**
 * Builds one golden record per customer (survivorship, DESIGN §8): per field the value chosen by its rule
 * (source_priority, most_recent, most_complete) together with the record key it came from ({@code <field>_source});
 * per consent channel the most restrictive statement with the record and time it came from; configured aggregates
 * (order counts, revenue, sessions...). Records are gathered by customer ID (one shuffle) and sorted; Spark
 * expressions prepare each record's values and orderings, and {@link Survivorship} folds a customer's records.
 */
public final class GoldenRecord {

    private GoldenRecord() {
    }

    /**
     * @param records standardised records
     * @param xref    {@code record_key}, {@code customer_id}
     */
    public static Dataset<Row> build(Dataset<Row> records, Dataset<Row> xref, ScvConfig config) {
        GoldenSettings golden = config.golden();
        var joined = RecordKeys.join(records, xref.select("record_key", "customer_id"), "record_key");
        // the columns in the order Survivorship.Input reads them
        var prepared = new ArrayList<Column>(List.of(col("customer_id"), col("record_key"), col("source"),
                sourceRank(golden.sourcePriority()).as("_priority"),
                coalesce(unix_timestamp(col("updated_at")).multiply(-1), lit(Long.MAX_VALUE)).as("_recency"),
                completeness().as("_completeness")));
        var rules = new ArrayList<Survivorship.Rule>();
        for (String field : Standardize.DISPLAY_FIELDS) {
            prepared.add(display(field).as(field));
            rules.add(Survivorship.Rule.valueOf(golden.ruleFor(field).toUpperCase(Locale.ROOT)));
        }
        var channels = CanonicalField.consentColumns();
        for (String consent : channels) {
            prepared.add(col(consent));
            // a statement's time is the channel's own timestamp, else the record's updated_at
            prepared.add(coalesce(col(CanonicalField.consentTimeColumn(consent)), col("updated_at")));
        }
        prepared.add(col("updated_at"));
        var aggregates = new ArrayList<Survivorship.Aggregate>();
        var results = aggregateResults(golden.aggregates(), records);
        for (int i = 0; i < golden.aggregates().size(); i++) {
            GoldenAggregate a = golden.aggregates().get(i);
            prepared.add(col(a.field()));
            aggregates.add(new Survivorship.Aggregate(a.function(),
                    records.schema().apply(a.field()).dataType(), results.get(i).dataType()));
        }
        var gathered = joined.select(prepared.toArray(Column[]::new))
                .repartition(col("customer_id"))
                .sortWithinPartitions("customer_id");
        var schema = outputSchema(gathered.schema(), channels, results);
        // through the RDD and createDataFrame, not Dataset.mapPartitions: Encoders.row's serializer for a row this
        // wide is one generated method over HotSpot's 8,000-byte limit, which ran interpreted (warm 7.6 -> 9.8 s)
        var folded = gathered.javaRDD().mapPartitions(new Survivorship(rules, channels.size(), aggregates), true);
        return records.sparkSession().createDataFrame(folded, schema)
                .withColumn("full_name", concat_ws(" ", col("first_name"), col("last_name")));
    }

    /**
     * The golden row: customer_id, record_count, sources, each field with its {@code _source}, each consent channel
     * with its {@code _source} and {@code _at}, updated_at, then the aggregates.
     */
    private static StructType outputSchema(StructType prepared, List<String> channels,
                                           List<StructField> aggregates) {
        var text = DataTypes.StringType;
        var key = prepared.apply("record_key").dataType();
        var fields = new ArrayList<StructField>(List.of(prepared.apply("customer_id"),
                DataTypes.createStructField("record_count", DataTypes.LongType, false),
                DataTypes.createStructField("sources", DataTypes.createArrayType(text, false), false)));
        for (String field : Standardize.DISPLAY_FIELDS) {
            fields.add(DataTypes.createStructField(field, prepared.apply(field).dataType(), true));
            fields.add(DataTypes.createStructField(field + "_source", key, true));
        }
        var updatedAt = prepared.apply("updated_at").dataType();
        for (String consent : channels) {
            fields.add(DataTypes.createStructField(consent, text, true));
            fields.add(DataTypes.createStructField(consent + "_source", key, true));
            fields.add(DataTypes.createStructField(CanonicalField.consentTimeColumn(consent), updatedAt, true));
        }
        fields.add(DataTypes.createStructField("updated_at", updatedAt, true));
        fields.addAll(aggregates);
        return DataTypes.createStructType(fields);
    }

    /**
     * Each aggregate's result column (name, type, nullable), as Spark would type the aggregate: sum of int is long,
     * a count is never null. Analysis only: nothing runs.
     */
    private static List<StructField> aggregateResults(List<GoldenAggregate> aggregates, Dataset<Row> records) {
        if (aggregates.isEmpty()) {
            return List.of();
        }
        var columns = aggregates.stream().map(a -> aggregate(a, records).as(a.name())).toArray(Column[]::new);
        return List.of(records.agg(columns[0], Arrays.copyOfRange(columns, 1, columns.length)).schema().fields());
    }

    /** The value shown for a field: cleaned raw text for names and addresses, standardised form for the rest. */
    private static Column display(String field) {
        return switch (field) {
            case "dob" -> col("dob").cast("string");
            case "phone", "postcode", "country", "gender" -> col(field);
            case "email" -> lower(col("raw.email"));
            default -> col("raw." + field);
        };
    }

    private static Column sourceRank(List<String> priority) {
        Column rank = lit(priority.size());
        for (int i = priority.size() - 1; i >= 0; i--) {
            rank = when(col("source").equalTo(priority.get(i)), lit(i)).otherwise(rank);
        }
        return rank;
    }

    private static Column completeness() {
        Column n = lit(0);
        for (String f : Standardize.DISPLAY_FIELDS) {
            n = n.plus(when(display(f).isNotNull(), 1).otherwise(0));
        }
        return n;
    }

    /**
     * The aggregate as a Spark expression: never run, only analysed for its result column, and the meaning that
     * {@link Survivorship}'s accumulators follow (nulls take no part; an array field counts and collects its
     * distinct elements).
     */
    private static Column aggregate(GoldenAggregate a, Dataset<Row> records) {
        Column c = col(a.field());
        boolean isArray = records.schema().apply(a.field()).dataType() instanceof ArrayType;
        return switch (a.function()) {
            case "sum" -> sum(c);
            case "min" -> min(c);
            case "max" -> max(c);
            case "count" -> isArray ? size(array_distinct(flatten(collect_list(c)))).cast("long") : count(c);
            case "collect" -> isArray ? array_sort(array_distinct(flatten(collect_list(c))))
                    : array_sort(collect_set(c));
            default -> throw new IllegalArgumentException("unknown aggregate function: " + a.function());
        };
    }
}
