package io.scv.golden;

import io.scv.config.SparkStrings;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Folds each customer's records into one golden row, over a partition sorted by customer ID. {@link GoldenRecord}
 * prepares the records' columns in the order {@link Input} names and decides the output's types; this class only
 * compares and accumulates, one customer at a time.
 * <p>
 * Why Java and not Spark aggregates: a golden row takes some twenty {@code min_by} over structs, which Spark runs as
 * one very wide object aggregation; its generated code cost more to compile in a cold run than it saved (golden at
 * 1M: see docs/scaling.md, stop 19), and each row copied every struct into the aggregation buffer.
 */
final class Survivorship implements FlatMapFunction<Iterator<Row>, Row> {

    /** The survivorship rules, in the order of {@code GoldenSettings.RULES}. */
    enum Rule { SOURCE_PRIORITY, MOST_RECENT, MOST_COMPLETE }

    /** An aggregate's function, its input's type and its output's type (as Spark types it: sum of int is long). */
    record Aggregate(String function, DataType input, DataType output) implements Serializable {
    }

    /**
     * Where the prepared columns are: customer ID, record key, source, the rank of the source (lower first), recency
     * (minus the update time in seconds, records without one last), completeness (values present), then per golden
     * field its displayed value, per consent channel its statement and the statement's time, the record's
     * {@code updated_at}, and per aggregate its input column.
     */
    record Input(int fields, int channels) implements Serializable {
        static final int CUSTOMER = 0, KEY = 1, SOURCE = 2, PRIORITY = 3, RECENCY = 4, COMPLETENESS = 5, FIELDS = 6;

        int field(int f) {
            return FIELDS + f;
        }

        int consent(int c) {
            return FIELDS + fields + 2 * c;
        }

        int consentAt(int c) {
            return consent(c) + 1;
        }

        int updatedAt() {
            return FIELDS + fields + 2 * channels;
        }

        int aggregate(int a) {
            return updatedAt() + 1 + a;
        }
    }

    private final Input input;
    private final Rule[] ruleOfField;
    private final Aggregate[] aggregates;

    Survivorship(List<Rule> ruleOfField, int channels, List<Aggregate> aggregates) {
        this.ruleOfField = ruleOfField.toArray(Rule[]::new);
        this.aggregates = aggregates.toArray(Aggregate[]::new);
        this.input = new Input(this.ruleOfField.length, channels);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Row next = rows.hasNext() ? rows.next() : null;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Object customer = next.get(Input.CUSTOMER);
                var golden = new Customer();
                do {
                    golden.add(next);
                    next = rows.hasNext() ? rows.next() : null;
                } while (next != null && customer.equals(next.get(Input.CUSTOMER)));
                return golden.row(customer);
            }
        };
    }

    /** One record as the rules compare it. */
    private record Candidate(String key, int priority, long recency, int completeness) {
    }

    private static final Comparator<String> KEYS = SparkStrings::compare;
    private static final Comparator<Candidate> BY_PRIORITY = Comparator.comparingInt(Candidate::priority)
            .thenComparingLong(Candidate::recency).thenComparing(Candidate::key, KEYS);
    private static final Comparator<Candidate> BY_RECENCY = Comparator.comparingLong(Candidate::recency)
            .thenComparingInt(Candidate::priority).thenComparing(Candidate::key, KEYS);
    private static final Comparator<Candidate> BY_COMPLETENESS = Comparator
            .comparingInt((Candidate c) -> -c.completeness()).thenComparingInt(Candidate::priority)
            .thenComparingLong(Candidate::recency).thenComparing(Candidate::key, KEYS);

    private static Comparator<Candidate> ordering(Rule rule) {
        return switch (rule) {
            case SOURCE_PRIORITY -> BY_PRIORITY;
            case MOST_RECENT -> BY_RECENCY;
            case MOST_COMPLETE -> BY_COMPLETENESS;
        };
    }

    /** A consent statement: dated ones before undated, the newest first, then the smaller record key. */
    private record Statement(String key, Object at) {
    }

    private static final Comparator<Statement> NEWEST_FIRST = (s, t) -> {
        if (s.at() == null || t.at() == null) {
            return s.at() != null ? -1 : t.at() != null ? 1 : SparkStrings.compare(s.key(), t.key());
        }
        int newer = compareValues(t.at(), s.at());
        return newer != 0 ? newer : SparkStrings.compare(s.key(), t.key());
    };

    /** The golden row being built for one customer. */
    private final class Customer {
        private long records;
        private final Set<String> sources = new TreeSet<>(KEYS);
        private final Candidate[] chosenFrom = new Candidate[ruleOfField.length];
        private final Object[] chosen = new Object[ruleOfField.length];
        private final Statement[] refusals = new Statement[input.channels()];
        private final Statement[] consents = new Statement[input.channels()];
        private Object updatedAt;
        private final Accumulator[] accumulators = new Accumulator[aggregates.length];

        Customer() {
            for (int a = 0; a < aggregates.length; a++) {
                accumulators[a] = new Accumulator(aggregates[a]);
            }
        }

        void add(Row r) {
            records++;
            String key = r.getString(Input.KEY);
            if (!r.isNullAt(Input.SOURCE)) {
                sources.add(r.getString(Input.SOURCE));
            }
            var candidate = new Candidate(key, r.getInt(Input.PRIORITY), r.getLong(Input.RECENCY),
                    r.getInt(Input.COMPLETENESS));
            for (int f = 0; f < ruleOfField.length; f++) {
                Object value = r.get(input.field(f));
                if (value != null && (chosenFrom[f] == null
                        || ordering(ruleOfField[f]).compare(candidate, chosenFrom[f]) < 0)) {
                    chosenFrom[f] = candidate;
                    chosen[f] = value;
                }
            }
            for (int c = 0; c < input.channels(); c++) {
                Object said = r.get(input.consent(c));
                Statement[] kept = "N".equals(said) ? refusals : "Y".equals(said) ? consents : null;
                if (kept != null) {
                    var statement = new Statement(key, r.get(input.consentAt(c)));
                    if (kept[c] == null || NEWEST_FIRST.compare(statement, kept[c]) < 0) {
                        kept[c] = statement;
                    }
                }
            }
            updatedAt = greatest(updatedAt, r.get(input.updatedAt()));
            for (int a = 0; a < accumulators.length; a++) {
                accumulators[a].add(r.get(input.aggregate(a)));
            }
        }

        Row row(Object customer) {
            var out = new ArrayList<>(3 + 2 * chosen.length + 3 * refusals.length + 1 + accumulators.length);
            out.add(customer);
            out.add(records);
            out.add(seq(sources));
            for (int f = 0; f < chosen.length; f++) {
                out.add(chosen[f]);
                out.add(chosenFrom[f] == null ? null : chosenFrom[f].key());
            }
            for (int c = 0; c < refusals.length; c++) {
                Statement deciding = refusals[c] != null ? refusals[c] : consents[c];
                out.add(refusals[c] != null ? "N" : consents[c] != null ? "Y" : null);
                out.add(deciding == null ? null : deciding.key());
                out.add(deciding == null ? null : deciding.at());
            }
            out.add(updatedAt);
            for (Accumulator a : accumulators) {
                out.add(a.result());
            }
            return RowFactory.create(out.toArray());
        }
    }

    /** One aggregate over a customer's records, with Spark's meaning: nulls take no part, sum of nothing is null. */
    private static final class Accumulator {
        private final Aggregate aggregate;
        private final boolean overArrays;
        private long count;
        private Object value;
        private final Collection<Object> elements;

        Accumulator(Aggregate aggregate) {
            this.aggregate = aggregate;
            this.overArrays = aggregate.input() instanceof ArrayType;
            // a collected array keeps one null element when an input array held one, as array_distinct does
            this.elements = switch (aggregate.function()) {
                case "count" -> new HashSet<>();
                case "collect" -> new TreeSet<>(Comparator.nullsLast(Survivorship::compareValues));
                default -> null;
            };
        }

        void add(Object v) {
            if (v == null) {
                return;
            }
            switch (aggregate.function()) {
                case "sum" -> value = value == null ? v : plus(value, v);
                case "min" -> value = value == null || compareValues(v, value) < 0 ? v : value;
                case "max" -> value = greatest(value, v);
                case "count", "collect" -> {
                    if (overArrays) {
                        elementsOf(v).forEach(elements::add);
                    } else if (aggregate.function().equals("collect")) {
                        elements.add(v);
                    } else {
                        count++;
                    }
                }
                default -> throw new IllegalArgumentException("unknown aggregate function: " + aggregate.function());
            }
        }

        private Object plus(Object sum, Object v) {
            DataType out = aggregate.output();
            if (out.equals(DataTypes.LongType)) {
                return Math.addExact(((Number) sum).longValue(), ((Number) v).longValue());
            }
            if (out.equals(DataTypes.DoubleType)) {
                return ((Number) sum).doubleValue() + ((Number) v).doubleValue();
            }
            if (out instanceof DecimalType) {
                return ((BigDecimal) sum).add((BigDecimal) v);
            }
            throw new IllegalArgumentException("cannot sum into " + out.simpleString());
        }

        Object result() {
            return switch (aggregate.function()) {
                case "sum" -> value == null ? null : asOutput(value);
                case "min", "max" -> value;
                case "count" -> overArrays ? (long) elements.size() : count;
                default -> seq(elements);
            };
        }

        /** The first value of a sum is the input's own type (an int), the output may be wider (a long). */
        private Object asOutput(Object sum) {
            DataType out = aggregate.output();
            if (out.equals(DataTypes.LongType)) {
                return ((Number) sum).longValue();
            }
            if (out.equals(DataTypes.DoubleType)) {
                return ((Number) sum).doubleValue();
            }
            return sum;
        }
    }

    /** An array value as Spark's row encoder takes it. */
    private static scala.collection.Seq<Object> seq(Collection<?> values) {
        return scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<Object>(values));
    }

    private static Iterable<?> elementsOf(Object array) {
        if (array instanceof scala.collection.Iterable<?> seq) {
            return scala.jdk.javaapi.CollectionConverters.asJava(seq);
        }
        return (Iterable<?>) array;
    }

    private static Object greatest(Object current, Object v) {
        return v == null ? current : current == null || compareValues(v, current) > 0 ? v : current;
    }

    /** Spark's order of values: text as Spark orders strings, the rest by their natural order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a instanceof String s && b instanceof String t) {
            return SparkStrings.compare(s, t);
        }
        return ((Comparable) a).compareTo(b);
    }
}
