package io.scv.ingest;

import io.scv.config.CanonicalField;
import io.scv.config.Concurrently;
import io.scv.config.EventsConfig;
import io.scv.config.GoldenAggregate;
import io.scv.config.FieldMapping;
import io.scv.config.InputFile;
import io.scv.config.OrdersConfig;
import io.scv.config.ScvConfig;
import io.scv.config.SourceConfig;
import io.scv.config.ConfigException;
import io.scv.standardize.Standardize;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.*;

/**
 * Loads every configured source onto the canonical record (DESIGN §2): maps columns, aggregates ERP orders and
 * clickstream events onto their customer or device, sends bad rows to quarantine with a reason, and drops records
 * older than their source's retention period. Duplicate ids are found by a shuffle of the ids alone, and only
 * their rows are ranked; one shuffle per order/event aggregation; partitions follow
 * {@code spark.sql.shuffle.partitions}. Each input is cached once, with each row's verdict, because it is
 * counted and then reused. A source with a retention period costs one more pass over its records (no shuffle)
 * to count what expired.
 *
 * <p>Only what the config reads leaves this stage: canonical records carry mapped fields only, and a rejected row
 * that parsed is quarantined with the values of the columns the config reads, not the whole row.
 */
public final class Ingest {
    public static final String RECORDS = "records";
    public static final String ORDERS = "orders";
    public static final String EVENTS = "events";
    /** Activity columns every canonical record has (null where the source has none). */
    public static final List<String> ACTIVITY = GoldenAggregate.ACTIVITY_FIELDS;

    /**
     * Longest value a column the config reads may hold. Names, addresses and identifiers are far shorter; a longer
     * value is a broken extract, and the fuzzy comparators take time quadratic in a value's length.
     */
    public static final int MAX_VALUE_LENGTH = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    /** Why a row is rejected, while screening; null for a row that goes on. */
    private static final String REJECTED = "_rejected";
    /** What quarantine keeps of a rejected row: its id, and its values (or its text, when it did not parse). */
    private static final String QUARANTINE_ID = "_quarantine_id";
    private static final String QUARANTINE_RAW = "_quarantine_raw";
    /** The id column of the duplicated ids found by counting. */
    private static final String DUPLICATED_ID = "_duplicated_id";
    /**
     * Most duplicated ids of one input that are gathered on the driver and broadcast; with more, every row is
     * ranked (a shuffle of whole rows).
     */
    private static final int MOST_DUPLICATED_IDS = 100_000;
    private final SparkSession spark;
    private final SourceReader reader;
    private final int mostDuplicatedIds;

    public Ingest(SparkSession spark) {
        this(spark, MOST_DUPLICATED_IDS);
    }

    /** @param mostDuplicatedIds above this many duplicated ids in an input, every row is ranked */
    Ingest(SparkSession spark, int mostDuplicatedIds) {
        this.spark = spark;
        this.reader = new SourceReader(spark);
        this.mostDuplicatedIds = mostDuplicatedIds;
    }

    /**
     * @param reference the run's reference time (its start): records whose last activity is more than a source's
     *                  {@code retention_days} before it are expired
     */
    public IngestResult run(ScvConfig config, Instant reference) {
        var records = new ArrayList<Dataset<Row>>();
        var quarantine = new ArrayList<Dataset<Row>>();
        var counts = new ArrayList<SourceCounts>();
        boolean dayFirst = config.standardize().dayFirstDates();
        // the sources are read side by side: one source's Spark jobs fill the cores while another's driver plans
        // its next query or waits on its last task (the bundled sample spent 8 of its 15 s of ingest with no task)
        var parts = Concurrently.map(config.sources(), source -> {
            spark.sparkContext().setJobDescription("ingest: " + source.name());
            return source.kind().isEventStream() ? ingestClickstream(source, dayFirst, reference)
                    : ingestRecords(source, dayFirst, reference);
        });
        for (IngestResult part : parts) {
            records.add(part.records());
            quarantine.add(part.quarantine());
            counts.addAll(part.counts());
            part.counts().forEach(c -> LOG.info("ingest {} {}: read {}, kept {}, quarantined {}, expired {}, "
                    + "retention unknown {}", c.source(), c.input(), c.read(), c.kept(), c.quarantined(),
                    c.expired(), c.retentionUnknown()));
        }
        var all = records.stream().reduce((a, b) -> a.unionByName(b, true)).orElseThrow();
        return new IngestResult(withAllCanonicalColumns(all),
                quarantine.stream().reduce(Dataset::unionByName).orElseThrow(), counts);
    }

    private IngestResult ingestRecords(SourceConfig source, boolean dayFirst, Instant reference) {
        Supplier<SplitRows> records = () -> {
            var raw = readOrExplain(source.input().path(), source, () -> reader.read(source.input()));
            return splitBadRows(raw, source, source.input(), RECORDS, source.idColumn(), source.columnsRead());
        };
        // an order file is read and screened beside its customers (only the join with them must wait): one after
        // the other they were the last 10 s of ingest at 1M records, with a core mostly idle
        var both = source.orders() == null ? new Concurrently.Both<>(records.get(), (SplitRows) null)
                : Concurrently.both(records, () -> screenOrders(source));
        var split = both.first();
        var mapped = split.kept().select(canonicalColumns(source, split.kept(), dayFirst));
        var quarantine = new ArrayList<>(List.of(split.quarantine()));
        var recordCounts = split.counts();
        SourceCounts orderCounts = null;
        if (source.orders() != null) {
            var orders = ingestOrders(source, both.second(), split.kept().select(trim(col(quoted(source.idColumn()))).as("id")),
                    dayFirst);
            mapped = mapped.join(orders.records(), mapped.col("source_id").equalTo(orders.records().col("customer")),
                    "left").drop("customer");
            quarantine.add(orders.quarantine());
            orderCounts = orders.counts().get(0);
        }
        if (source.retention() != null) {
            var outcome = RetentionFilter.apply(mapped, source.retention(), reference);
            mapped = outcome.kept();
            recordCounts = recordCounts.afterRetention(outcome.expired().records(), outcome.unknown().records());
            // orders of an expired customer leave with it; a kept customer keeps its whole order history
            orderCounts = orderCounts == null ? null : orderCounts.afterRetention(outcome.expired().orders(), 0);
        }
        var counts = new ArrayList<>(List.of(recordCounts));
        if (orderCounts != null) {
            counts.add(orderCounts);
        }
        return new IngestResult(mapped, quarantine.stream().reduce(Dataset::unionByName).orElseThrow(), counts);
    }

    /**
     * Splits rows into kept and quarantined: those {@link #screen} rejects, and all but one row of a duplicated id.
     * A quarantined row that parsed keeps only the values of {@code columnsRead}.
     *
     * <p>Duplicated ids are found first by counting the ids alone (a shuffle of ids, not rows). Only the rows of
     * those ids are ranked, and the others go on where they are; above {@value #MOST_DUPLICATED_IDS} duplicated
     * ids (by default) every row is ranked instead. Either way the same row of a duplicated id stays.
     */
    private SplitRows splitBadRows(Dataset<Row> raw, SourceConfig source, InputFile file, String input,
                                   String idColumn, Collection<String> columnsRead) {
        var screened = screen(raw, source, file, input, idColumn, "malformed row", "missing id in column "
                + idColumn, columnsRead);
        Column id = trim(col(quoted(idColumn)));
        var good = screened.good();
        var read = screened.counts();
        var duplicated = good.groupBy(id.as(DUPLICATED_ID)).agg(count(lit(1)).as("_rows"))
                .filter(col("_rows").gt(1)).limit(mostDuplicatedIds + 1).collectAsList();
        if (duplicated.size() > mostDuplicatedIds) {
            return splitByRankingEveryRow(screened, source, input, id, columnsRead, read);
        }
        long repeated = duplicated.stream().mapToLong(r -> r.getLong(1) - 1).sum();
        var counts = new SourceCounts(source.name(), input, read.rows(), read.kept() - repeated,
                read.rejected() + repeated);
        if (duplicated.isEmpty()) {
            return new SplitRows(good, screened.quarantine(), counts);
        }
        var ids = broadcast(spark.createDataFrame(duplicated.stream().map(r -> RowFactory.create(r.getString(0)))
                .toList(), new StructType().add(DUPLICATED_ID, DataTypes.StringType)));
        Column ofDuplicatedId = id.equalTo(ids.col(DUPLICATED_ID));
        var ranked = ranked(good.join(ids, ofDuplicatedId, "left_semi"), id);
        var kept = good.join(ids, ofDuplicatedId, "left_anti")
                .unionByName(ranked.filter(col("_rank").equalTo(1)).drop("_rank"));
        return new SplitRows(kept, screened.quarantine().unionByName(repeatedIds(ranked, source, input, id,
                columnsRead)), counts);
    }

    /** Every good row ranked within its id: for extracts where many ids repeat. */
    private static SplitRows splitByRankingEveryRow(Screened screened, SourceConfig source, String input, Column id,
                                                    Collection<String> columnsRead, Verdicts read) {
        var ranked = ranked(screened.good(), id).persist(StorageLevel.MEMORY_AND_DISK());
        // the window must neither lose nor add a row, which read = kept + quarantined checks
        Row ids = ranked.agg(count(when(col("_rank").equalTo(1), 1)), count(when(col("_rank").gt(1), 1))).first();
        return new SplitRows(ranked.filter(col("_rank").equalTo(1)).drop("_rank"),
                screened.quarantine().unionByName(repeatedIds(ranked, source, input, id, columnsRead)),
                new SourceCounts(source.name(), input, read.rows(), ids.getLong(0), read.rejected() + ids.getLong(1)));
    }

    /**
     * Rows with {@code _rank}, their order among the rows of the same id. Which duplicate stays is decided by the
     * whole row, as before: restricting what quarantine keeps must not change which record a run keeps.
     */
    private static Dataset<Row> ranked(Dataset<Row> rows, Column id) {
        return rows.withColumn("_rank", row_number().over(Window.partitionBy(id).orderBy(wholeRow(rows))));
    }

    /** The ranked rows after the first of their id, as quarantine. */
    private static Dataset<Row> repeatedIds(Dataset<Row> ranked, SourceConfig source, String input, Column id,
                                            Collection<String> columnsRead) {
        Column values = rawValues(ranked.drop("_rank"), columnsRead);
        return Quarantine.of(ranked.filter(col("_rank").gt(1)), source.name(), input, id, values,
                "duplicate id within source (first row by content kept)");
    }

    /**
     * Rows that parsed, carry an id and hold usable text go on; the others are quarantined with the first reason
     * that applies: malformed, no id, text that was not valid in the file's encoding (the reader turned it into
     * U+FFFD), a value longer than {@value #MAX_VALUE_LENGTH} characters. Only the columns the config reads are
     * checked.
     */
    private static Screened screen(Dataset<Row> raw, SourceConfig source, InputFile file, String input,
                                   String idColumn, String malformedReason, String missingIdReason,
                                   Collection<String> columnsRead) {
        requireColumn(raw, idColumn, source, input, "id_column");
        Column id = trim(col(quoted(idColumn)));
        Column missingId = id.isNull().or(id.equalTo(""));
        boolean parsed = SourceReader.hasColumn(raw, SourceReader.CORRUPT);
        Column malformed = parsed ? col(SourceReader.CORRUPT).isNotNull() : lit(false);
        Column reason = when(malformed, lit(malformedReason)).when(missingId, lit(missingIdReason));
        var text = textColumns(raw, columnsRead);
        if (parsed) {
            String encoding = SourceReader.charset(file.options()).name();
            for (String c : text) {
                reason = reason.when(col(quoted(c)).contains("\uFFFD"), lit("text not valid " + encoding
                        + " in column " + c + "; declare the file's encoding in options.encoding"));
            }
        }
        for (String c : text) {
            reason = reason.when(length(col(quoted(c))).gt(MAX_VALUE_LENGTH), lit("value longer than "
                    + MAX_VALUE_LENGTH + " characters in column " + c));
        }
        // a line that did not parse has no columns to choose from: it can only be kept as the text it is
        Column values = rawValues(raw, columnsRead);
        // cached with the verdict: counted now, and read again for the kept rows and for quarantine
        var flagged = withQuarantineValues(raw.withColumn(REJECTED, reason),
                when(malformed.or(missingId), lit(null)).otherwise(id),
                parsed ? when(malformed, col(SourceReader.CORRUPT)).otherwise(values) : values)
                .persist(StorageLevel.MEMORY_AND_DISK());
        var quarantine = quarantined(flagged, source, input);
        var good = flagged.filter(col(REJECTED).isNull()).drop(REJECTED, QUARANTINE_ID, QUARANTINE_RAW);
        return new Screened(parsed ? good.drop(SourceReader.CORRUPT) : good, quarantine, flagged);
    }

    /**
     * Adds what quarantine keeps of a rejected row (its id and values), null for the others: computed while the
     * row is at hand, so quarantine later reads three mostly empty columns of the cached rows instead of every
     * column of every row (at 10M records that read took some 30 s of CPU at publish, for 23k rejects).
     *
     * @param flagged rows with {@value #REJECTED}
     */
    private static Dataset<Row> withQuarantineValues(Dataset<Row> flagged, Column sourceId, Column raw) {
        Column rejected = col(REJECTED).isNotNull();
        return flagged.select(col("*"), when(rejected, sourceId.cast("string")).as(QUARANTINE_ID),
                when(rejected, raw.cast("string")).as(QUARANTINE_RAW));
    }

    /** The rejected rows of {@link #withQuarantineValues}, as quarantine rows. */
    private static Dataset<Row> quarantined(Dataset<Row> flagged, SourceConfig source, String input) {
        return Quarantine.of(flagged.filter(col(REJECTED).isNotNull()), source.name(), input, col(QUARANTINE_ID),
                col(QUARANTINE_RAW), col(REJECTED));
    }

    /** The columns the config reads that hold text; a nested JSON object is not checked. */
    private static List<String> textColumns(Dataset<Row> raw, Collection<String> columnsRead) {
        return Arrays.stream(raw.schema().fields())
                .filter(f -> columnsRead.contains(f.name()) && f.dataType().equals(DataTypes.StringType))
                .map(StructField::name).toList();
    }

    /** @param flagged every row read, with {@value #REJECTED}: null for a good row */
    private record Screened(Dataset<Row> good, Dataset<Row> quarantine, Dataset<Row> flagged) {
        Verdicts counts() {
            return Verdicts.of(flagged);
        }
    }

    /** How many rows were judged and how many of them were rejected. */
    private record Verdicts(long rows, long rejected) {
        /** One pass over rows carrying {@value #REJECTED} (null for a good row). */
        static Verdicts of(Dataset<Row> flagged) {
            Row r = flagged.agg(count(lit(1)), count(col(REJECTED))).first();
            return new Verdicts(r.getLong(0), r.getLong(1));
        }

        long kept() {
            return rows - rejected;
        }
    }

    private record SplitRows(Dataset<Row> kept, Dataset<Row> quarantine, SourceCounts counts) {
    }

    /** The mapped fields, and with a retention period the record's own timestamp for {@link RetentionFilter}. */
    private Column[] canonicalColumns(SourceConfig source, Dataset<Row> df, boolean dayFirst) {
        var cols = new ArrayList<Column>();
        Column id = trim(col(quoted(source.idColumn())));
        cols.add(RecordKeys.of(source.name(), id).as("record_key"));
        cols.add(lit(source.name()).as("source"));
        cols.add(id.as("source_id"));
        for (Map.Entry<String, FieldMapping> e : source.columns().entrySet()) {
            cols.add(mappedValue(e.getKey(), e.getValue(), source, df).as(e.getKey()));
        }
        if (source.retention() != null) {
            cols.add(Standardize.timestamp(recordedAt(source, df), dayFirst).as(RetentionFilter.RECORDED_AT));
        }
        return cols.toArray(Column[]::new);
    }

    /** The value a record's age is read from: the retention column, else the value mapped to updated_at. */
    private Column recordedAt(SourceConfig source, Dataset<Row> df) {
        String column = source.retention().column();
        if (column != null) {
            requireColumn(df, column, source, RECORDS, "retention_column");
            return col(quoted(column));
        }
        // validation made sure a record source with a retention period maps updated_at
        return mappedValue("updated_at", source.columns().get("updated_at"), source, df);
    }

    private Column mappedValue(String field, FieldMapping mapping, SourceConfig source, Dataset<Row> df) {
        Column value;
        if (mapping.isExpression()) {
            value = expr(mapping.expr());
            try {
                df.select(value).schema();
            } catch (Exception e) {
                throw new ConfigException("sources[" + source.name() + "].columns." + field + ".expr: '"
                        + mapping.expr() + "' does not evaluate on " + source.input().path() + ": "
                        + firstLine(e.getMessage()));
            }
        } else {
            requireColumn(df, mapping.column(), source, RECORDS, "columns." + field);
            value = col(quoted(mapping.column()));
        }
        boolean isArray = CanonicalField.byColumn(field).map(CanonicalField::isArray).orElse(false);
        if (isArray) {
            Column s = trim(value.cast("string"));
            return when(s.isNull().or(s.equalTo("")), array().cast("array<string>")).otherwise(array(s));
        }
        return value.cast("string");
    }

    /** The order file's rows, screened and without repeated order ids, before they meet the customers. */
    private SplitRows screenOrders(SourceConfig source) {
        OrdersConfig oc = source.orders();
        var raw = readOrExplain(oc.input().path(), source, () -> reader.read(oc.input()));
        for (String c : List.of(oc.customerColumn(), oc.dateColumn(), oc.amountColumn())) {
            requireColumn(raw, c, source, ORDERS, "orders");
        }
        return splitBadRows(raw, source, oc.input(), ORDERS, oc.idColumn(), oc.columnsRead());
    }

    /** @param split the orders of {@link #screenOrders} */
    private IngestResult ingestOrders(SourceConfig source, SplitRows split, Dataset<Row> customerIds,
                                      boolean dayFirst) {
        OrdersConfig oc = source.orders();
        var parsed = split.kept()
                .withColumn("_customer", trim(col(quoted(oc.customerColumn()))))
                .withColumn("_amount", expr("try_cast(trim(" + quoted(oc.amountColumn()) + ") as decimal(18,2))"))
                .withColumn("_date", callUDF("scv_to_date", col(quoted(oc.dateColumn())), lit(dayFirst)))
                .join(customerIds.select(col("id").as("_known_id"), lit(true).as("_known")),
                        col("_customer").equalTo(col("_known_id")), "left");
        Column raw2 = rawValues(split.kept(), oc.columnsRead());
        // the first reason that applies, in one pass: counting four filtered copies ran the join four times more
        var reasons = parsed.withColumn(REJECTED,
                when(col("_known").isNull(), lit("order for unknown customer in column " + oc.customerColumn()))
                        .when(col("_amount").isNull(), lit("amount is not a number in column " + oc.amountColumn()))
                        .when(col("_date").isNull(), lit("unreadable date in column " + oc.dateColumn())));
        // the join once, cached with only what follows reads: counted now, then aggregated and quarantined
        var flagged = withQuarantineValues(reasons, trim(col(quoted(oc.idColumn()))), raw2)
                .select("_customer", "_amount", "_date", REJECTED, QUARANTINE_ID, QUARANTINE_RAW)
                .persist(StorageLevel.MEMORY_AND_DISK());
        var quarantine = split.quarantine().unionByName(quarantined(flagged, source, ORDERS));
        var good = flagged.filter(col(REJECTED).isNull());
        // the join must neither lose nor repeat an order: read = kept + quarantined checks it
        var outcome = Verdicts.of(flagged);
        var perCustomer = good.groupBy(col("_customer").as("customer")).agg(
                count(lit(1)).as("order_count"),
                sum(col("_amount")).cast("decimal(18,2)").as("revenue"),
                min(col("_date")).as("first_order_at"),
                max(col("_date")).as("last_order_at"));
        return new IngestResult(perCustomer, quarantine, List.of(new SourceCounts(source.name(), ORDERS,
                split.counts().read(), outcome.kept(), split.counts().quarantined() + outcome.rejected())));
    }

    /**
     * One visitor profile per device: activity counts, and identifiers seen on identifying events (the most
     * frequent email and phone, all email-platform record ids). Devices with no identifier stay anonymous.
     */
    private IngestResult ingestClickstream(SourceConfig source, boolean dayFirst, Instant reference) {
        EventsConfig ev = source.events();
        var raw = readOrExplain(source.input().path(), source, () -> reader.read(source.input(),
                source.columnsRead()));
        for (String c : List.of(ev.timestampColumn(), ev.sessionColumn(), ev.eventTypeColumn())) {
            requireColumn(raw, c, source, EVENTS, "events");
        }
        Column device = trim(col(quoted(source.idColumn())));
        var screened = screen(raw, source, source.input(), EVENTS, source.idColumn(), "malformed event (not JSON)",
                "event without " + source.idColumn(), source.columnsRead());
        var quarantine = screened.quarantine();
        var events = screened.good();
        Column identifying = col(quoted(ev.eventTypeColumn())).isin(ev.identifyingEvents().toArray());
        var aggs = new ArrayList<Column>(List.of(
                count(lit(1)).cast("long").as("events"),
                // not countDistinct: next to other aggregates Spark plans it as two more aggregations and a
                // shuffle by device and session; the set per device is small (profiles at 1M: 10.5 -> 5.2 s)
                size(collect_set(col(quoted(ev.sessionColumn())))).cast("long").as("sessions"),
                sum(when(col(quoted(ev.eventTypeColumn())).equalTo("page_view"), 1).otherwise(0)).cast("long")
                        .as("page_views"),
                max(col(quoted(ev.timestampColumn()))).as("last_seen_at"),
                max(col(quoted(ev.timestampColumn()))).as("updated_at")));
        if (source.retention() != null) {
            // a device's last activity is its latest event; read each event's time as updated_at is read
            String column = source.retention().column() != null ? source.retention().column() : ev.timestampColumn();
            requireColumn(raw, column, source, EVENTS, "retention_column");
            aggs.add(max(Standardize.timestamp(col(quoted(column)), dayFirst)).as(RetentionFilter.RECORDED_AT));
        }
        for (Map.Entry<String, String> id : ev.identifiers().entrySet()) {
            requireColumn(raw, id.getValue(), source, EVENTS, "events.identifiers." + id.getKey());
            // blanks and generic values (test@test.com) must not outvote the real identifier of a device
            // a column of its own, not an expression inside the aggregate: collect_set and mode evaluate their
            // input interpreted, row by row, where a projection before them is compiled
            events = events.withColumn("_id_" + id.getKey(),
                    when(identifying, callUDF("scv_deny", trim(col(quoted(id.getValue()))))));
            aggs.add(id.getKey().equals("esp_record_ids")
                    ? array_sort(collect_set(col("`_id_" + id.getKey() + "`"))).as(id.getKey())
                    : expr("mode(`_id_" + id.getKey() + "`, true)").as(id.getKey()));
        }
        var profiles = events.groupBy(device.as("source_id")).agg(aggs.get(0), aggs.subList(1, aggs.size())
                        .toArray(Column[]::new))
                .withColumn("record_key", RecordKeys.of(source.name(), col("source_id")))
                .withColumn("source", lit(source.name()))
                .withColumn("device_ids", array(col("source_id")));
        var read = screened.counts();
        var counts = new SourceCounts(source.name(), EVENTS, read.rows(), read.kept(), read.rejected());
        if (source.retention() != null) {
            // a device that expires takes all its events with it; a device still seen keeps its older events
            var outcome = RetentionFilter.apply(profiles, source.retention(), reference);
            profiles = outcome.kept();
            counts = counts.afterRetention(outcome.expired().events(), outcome.unknown().events());
        }
        return new IngestResult(profiles, quarantine, List.of(counts));
    }

    /**
     * Adds every canonical and activity column missing from the union, so later stages see one schema. One
     * projection: a {@code withColumn} per column analyses the whole plan again each time.
     */
    private static Dataset<Row> withAllCanonicalColumns(Dataset<Row> df) {
        var present = Arrays.asList(df.columns());
        var added = new LinkedHashMap<String, Column>();
        for (CanonicalField f : CanonicalField.values()) {
            if (!present.contains(f.column())) {
                added.put(f.column(), f.isArray() ? array().cast("array<string>") : lit(null).cast("string"));
            }
        }
        for (String a : ACTIVITY) {
            added.put(a, (present.contains(a) ? col(a) : lit(null)).cast(activityType(a)));
        }
        return df.withColumns(added);
    }

    private static String activityType(String column) {
        return switch (column) {
            case "revenue" -> "decimal(18,2)";
            case "first_order_at", "last_order_at" -> "date";
            case "last_seen_at" -> "string";
            default -> "long";
        };
    }

    /** The input as read (not yet cached: {@link #screen} caches it with each row's verdict). */
    private Dataset<Row> readOrExplain(String path, SourceConfig source,
                                       java.util.function.Supplier<Dataset<Row>> read) {
        try {
            return read.get();
        } catch (Exception e) {
            if (e instanceof AnalysisException || e.getCause() instanceof AnalysisException
                    || e.getClass().getSimpleName().contains("Analysis")) {
                throw new ConfigException("sources[" + source.name() + "]: cannot read " + path + ": "
                        + firstLine(e.getMessage()));
            }
            throw e;
        }
    }

    private static void requireColumn(Dataset<Row> df, String column, SourceConfig source, String input,
                                      String key) {
        if (!SourceReader.hasColumn(df, column)) {
            var available = Arrays.stream(df.columns()).filter(c -> !c.equals(SourceReader.CORRUPT)).toList();
            throw new ConfigException("sources[" + source.name() + "]." + key + ": column '" + column
                    + "' not found in " + input + " input; columns there: " + available);
        }
    }

    /**
     * A rejected row's values as JSON, only of the columns the config reads: quarantine must not keep what a kept
     * record would not carry. A column an expression names that is not a top-level column of the input (a nested
     * field) is left out. Columns in the input's order, so the same row gives the same text every run.
     */
    private static Column rawValues(Dataset<Row> df, Collection<String> columnsRead) {
        var cols = Arrays.stream(df.columns()).filter(columnsRead::contains).map(c -> col(quoted(c)))
                .toArray(Column[]::new);
        return to_json(struct(cols));
    }

    /** The whole parsed row as JSON, to order duplicates by content. Never stored. */
    private static Column wholeRow(Dataset<Row> df) {
        var cols = Arrays.stream(df.columns()).filter(c -> !c.equals(SourceReader.CORRUPT) && !c.startsWith("_"))
                .map(c -> col(quoted(c))).toArray(Column[]::new);
        return to_json(struct(cols));
    }

    static String quoted(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
