package io.scv.golden;

import io.scv.config.CanonicalField;
import io.scv.config.GoldenAggregate;
import io.scv.config.GoldenSettings;
import io.scv.config.ScvConfig;
import io.scv.standardize.Standardize;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Builds one golden record per customer (survivorship, DESIGN §8): per field the value chosen by its rule
 * (source_priority, most_recent, most_complete) together with the record key it came from ({@code <field>_source});
 * per consent channel the most restrictive statement with the record and time it came from; configured aggregates
 * (order counts, revenue, sessions...). Records are gathered by customer ID (one shuffle), then aggregated there.
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
        var withRank = records.join(xref.select("record_key", "customer_id"), "record_key")
                // gathered by customer before aggregating: a customer's few records rarely meet in one task of
                // the join, so a partial aggregation there shrank 1M rows only to 731k wide buffers, and cost more
                // than the final one (golden at 1M: 17 -> 13 s)
                .repartition(col("customer_id"))
                .withColumn("_priority", sourceRank(golden.sourcePriority()))
                .withColumn("_recency", coalesce(unix_timestamp(col("updated_at")).multiply(-1),
                        lit(Long.MAX_VALUE)))
                .withColumn("_completeness", completeness());
        for (String rule : GoldenSettings.RULES) {
            withRank = withRank.withColumn(orderColumn(rule), ordering(rule));
        }
        var aggs = new ArrayList<Column>();
        aggs.add(count(lit(1)).as("record_count"));
        aggs.add(array_sort(collect_set(col("source"))).as("sources"));
        for (String field : Standardize.DISPLAY_FIELDS) {
            // min_by passes over rows whose ordering is null: records lacking the value take no part
            Column chosen = min_by(struct(display(field).as("v"), col("record_key").as("k")),
                    when(display(field).isNotNull(), col(orderColumn(golden.ruleFor(field)))));
            aggs.add(chosen.getField("v").as(field));
            aggs.add(chosen.getField("k").as(field + "_source"));
        }
        for (String consent : CanonicalField.consentColumns()) {
            aggs.addAll(consentWithProvenance(consent));
        }
        aggs.add(max(col("updated_at")).as("updated_at"));
        for (GoldenAggregate a : golden.aggregates()) {
            aggs.add(aggregate(a, records).as(a.name()));
        }
        return withRank.groupBy("customer_id")
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .withColumn("full_name", concat_ws(" ", col("first_name"), col("last_name")));
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

    private static String orderColumn(String rule) {
        return "_order_" + rule;
    }

    /**
     * A survivorship rule's ordering of a customer's records, best first, computed once per record for all the
     * fields that follow the rule; ties go to the other criteria, and last to the record key.
     */
    private static Column ordering(String rule) {
        return switch (rule) {
            case "source_priority" -> struct(col("_priority"), col("_recency"), col("record_key"));
            case "most_recent" -> struct(col("_recency"), col("_priority"), col("record_key"));
            case "most_complete" -> struct(col("_completeness").multiply(-1), col("_priority"),
                    col("_recency"), col("record_key"));
            default -> throw new IllegalArgumentException("unknown survivorship rule: " + rule);
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
     * A channel's golden consent, {@code <channel>_source} and {@code <channel>_at}: N when any record refused,
     * else Y when any record consented, else null. Records with no statement for the channel take no part, so
     * unknown never becomes consent and merging customers can only narrow it. The provenance is the most recent
     * statement of the winning value. A Y given on one record after an N on another of the same person stays N on
     * purpose: we cannot tell a re-consent from two sources disagreeing, so the refusal holds until it is withdrawn
     * where it was recorded.
     */
    private static List<Column> consentWithProvenance(String consent) {
        Column latestRefusal = latestStatement(consent, "N");
        Column latestConsent = latestStatement(consent, "Y");
        Column deciding = coalesce(latestRefusal, latestConsent);
        return List.of(
                when(latestRefusal.isNotNull(), "N").when(latestConsent.isNotNull(), "Y").as(consent),
                deciding.getField("record_key").as(consent + "_source"),
                deciding.getField("at").as(CanonicalField.consentTimeColumn(consent)));
    }

    /**
     * The most recent record stating {@code value} for the channel, as {@code (record_key, at)}; null when no
     * record does. A statement's time is the channel's own timestamp, else the record's {@code updated_at}; statements
     * without either count as oldest, and equal times go to the smaller record_key.
     */
    private static Column latestStatement(String consent, String value) {
        Column at = coalesce(col(CanonicalField.consentTimeColumn(consent)), col("updated_at"));
        // min_by skips rows whose ordering is null: records stating anything else take no part
        Column newestFirst = when(col(consent).equalTo(value),
                struct(at.isNull(), unix_micros(at).multiply(-1), col("record_key")));
        return min_by(struct(col("record_key"), at.as("at")), newestFirst);
    }

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
