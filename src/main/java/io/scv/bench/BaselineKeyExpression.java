package io.scv.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One blocking key expression, as the job evaluates it in Spark SQL: a field ({@code email}, {@code dob} as its ISO
 * text, a list field such as {@code esp_record_ids} giving one key per element), {@code soundex(expr)} or
 * {@code substring(expr, pos[, len])} (also {@code substr}). Any other expression is refused.
 */
final class BaselineKeyExpression {
    private static final Pattern CALL = Pattern.compile("(?s)([A-Za-z_]+)\\s*\\((.*)\\)");
    private static final Pattern FIELD = Pattern.compile("`?([A-Za-z_][A-Za-z0-9_]*)`?");

    /** A key expression bound to the records: one value per record, or several for a list field. */
    interface Values {
        /** The value of a single-valued expression; null when absent. */
        String one(int record);

        /** The values of a list field (explode): empty when none. Only for {@link #isList()}. */
        default String[] many(int record) {
            throw new UnsupportedOperationException();
        }

        default boolean isList() {
            return false;
        }
    }

    private final String text;
    private final Node root;

    private BaselineKeyExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * @param path        where the expression sits in the config, for the refusal message
     * @param extraFields fields sources map besides the canonical ones
     */
    static BaselineKeyExpression parse(String text, String path, Set<String> extraFields) {
        return new BaselineKeyExpression(text, node(text.trim(), path, extraFields));
    }

    String text() {
        return text;
    }

    /** The standardised fields the expression reads. */
    Set<String> fields() {
        var out = new java.util.TreeSet<String>();
        root.fields(out);
        return out;
    }

    Values bind(BaselineRecords records) {
        return root.bind(records);
    }

    private sealed interface Node permits Field, Soundex, Substring {
        void fields(Set<String> out);

        Values bind(BaselineRecords records);
    }

    private record Field(String name, BaselineRecords.Kind kind) implements Node {
        @Override
        public void fields(Set<String> out) {
            out.add(name);
        }

        @Override
        public Values bind(BaselineRecords records) {
            return switch (kind) {
                case TEXT -> {
                    String[] v = records.text(name);
                    yield r -> v[r];
                }
                case DATE -> {
                    int[] v = records.dates(name);
                    yield r -> v[r] == BaselineRecords.NO_DATE ? null : LocalDate.ofEpochDay(v[r]).toString();
                }
                case LIST -> {
                    String[][] v = records.lists(name);
                    yield new Values() {
                        @Override
                        public String one(int record) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public String[] many(int record) {
                            return v[record];
                        }

                        @Override
                        public boolean isList() {
                            return true;
                        }
                    };
                }
            };
        }
    }

    private record Soundex(Node of) implements Node {
        @Override
        public void fields(Set<String> out) {
            of.fields(out);
        }

        @Override
        public Values bind(BaselineRecords records) {
            Values v = of.bind(records);
            return r -> BaselineText.soundex(v.one(r));
        }
    }

    private record Substring(Node of, int pos, int len) implements Node {
        @Override
        public void fields(Set<String> out) {
            of.fields(out);
        }

        @Override
        public Values bind(BaselineRecords records) {
            Values v = of.bind(records);
            return r -> BaselineText.substring(v.one(r), pos, len);
        }
    }

    private static Node node(String text, String path, Set<String> extraFields) {
        var field = FIELD.matcher(text);
        if (field.matches()) {
            var kind = BaselineRecords.kindOf(field.group(1), extraFields);
            if (kind == null) {
                throw new BaselineUnsupportedConfig(path, "key expression '" + text + "' reads a field that is not a "
                        + "standardised match field");
            }
            return new Field(field.group(1), kind);
        }
        var call = CALL.matcher(text);
        if (call.matches()) {
            String function = call.group(1).toLowerCase(Locale.ROOT);
            List<String> args = arguments(call.group(2));
            if (function.equals("soundex") && args.size() == 1) {
                return new Soundex(singleValued(node(args.get(0), path, extraFields), text, path));
            }
            if ((function.equals("substring") || function.equals("substr")) && (args.size() == 2 || args.size() == 3)
                    && isInteger(args.get(1)) && (args.size() == 2 || isInteger(args.get(2)))) {
                return new Substring(singleValued(node(args.get(0), path, extraFields), text, path),
                        Integer.parseInt(args.get(1)), args.size() == 3 ? Integer.parseInt(args.get(2))
                        : Integer.MAX_VALUE);
            }
        }
        throw new BaselineUnsupportedConfig(path, "key expression '" + text + "' (the baseline knows a field, "
                + "soundex(expr) and substring(expr, pos, len))");
    }

    private static Node singleValued(Node node, String text, String path) {
        if (node instanceof Field f && f.kind() == BaselineRecords.Kind.LIST) {
            throw new BaselineUnsupportedConfig(path, "key expression '" + text + "' applies a function to a list");
        }
        return node;
    }

    private static boolean isInteger(String s) {
        return s.matches("-?[0-9]{1,9}");
    }

    /** Splits a call's arguments at top-level commas. */
    private static List<String> arguments(String text) {
        var out = new ArrayList<String>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(text.substring(start).trim());
        return out;
    }
}
