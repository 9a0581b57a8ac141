package io.scv.serve;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.time.ZoneId;

/**
 * Arrays, maps and structs as JSON text (PostgreSQL clients get them as text columns): arrays as JSON arrays,
 * maps and structs as objects; numbers and booleans bare, everything else (dates, timestamps, bytea, NaN) as the
 * quoted text {@link ValueFormats} gives it.
 */
public final class NestedValueJson {
    private NestedValueJson() {
    }

    /** Any value of a result column as JSON text: also the row objects of {@code scv sql --json}. */
    public static String render(Object value, DataType type, ZoneId zone) {
        var out = new StringBuilder();
        write(out, value, type, zone);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, DataType type, ZoneId zone) {
        if (value == null) {
            out.append("null");
        } else if (type instanceof ArrayType array) {
            writeArray(out, value, array.elementType(), zone);
        } else if (type instanceof MapType map) {
            writeMap(out, value, map, zone);
        } else if (type instanceof StructType struct) {
            writeStruct(out, (Row) value, struct, zone);
        } else if (value instanceof Boolean b) {
            out.append(b);   // JSON's true/false, not PostgreSQL's t/f of scalarText
        } else if (value instanceof Number n && finite(n)) {
            out.append(ValueFormats.scalarText(value, zone));
        } else {
            quote(out, ValueFormats.scalarText(value, zone));
        }
    }

    private static void writeArray(StringBuilder out, Object value, DataType elementType, ZoneId zone) {
        out.append('[');
        var it = elements(value);
        for (int i = 0; it.hasNext(); i++) {
            out.append(i > 0 ? "," : "");
            write(out, it.next(), elementType, zone);
        }
        out.append(']');
    }

    private static void writeMap(StringBuilder out, Object value, MapType type, ZoneId zone) {
        out.append('{');
        var it = elements(value);
        for (int i = 0; it.hasNext(); i++) {
            Object entry = it.next();
            Object key = entry instanceof scala.Tuple2<?, ?> t ? t._1() : ((java.util.Map.Entry<?, ?>) entry).getKey();
            Object val = entry instanceof scala.Tuple2<?, ?> t ? t._2() : ((java.util.Map.Entry<?, ?>) entry).getValue();
            out.append(i > 0 ? "," : "");
            quote(out, ValueFormats.textString(key, type.keyType(), zone));
            out.append(':');
            write(out, val, type.valueType(), zone);
        }
        out.append('}');
    }

    private static void writeStruct(StringBuilder out, Row row, StructType type, ZoneId zone) {
        out.append('{');
        StructField[] fields = type.fields();
        for (int i = 0; i < fields.length; i++) {
            out.append(i > 0 ? "," : "");
            quote(out, fields[i].name());
            out.append(':');
            write(out, row.get(i), fields[i].dataType(), zone);
        }
        out.append('}');
    }

    /** Spark hands arrays as Scala sequences and maps as Scala maps (their entries are tuples). */
    private static java.util.Iterator<?> elements(Object value) {
        if (value instanceof scala.collection.Iterable<?> scala) {
            var it = scala.iterator();
            return new java.util.Iterator<Object>() {
                public boolean hasNext() {
                    return it.hasNext();
                }

                public Object next() {
                    return it.next();
                }
            };
        } else if (value instanceof java.util.Map<?, ?> map) {
            return map.entrySet().iterator();
        } else if (value instanceof Iterable<?> iterable) {
            return iterable.iterator();
        }
        throw new IllegalArgumentException("not an array or map value: " + value.getClass().getName());
    }

    private static boolean finite(Number n) {
        return !(n instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(n instanceof Float f && (f.isNaN() || f.isInfinite()));
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
