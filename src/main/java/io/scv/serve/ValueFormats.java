package io.scv.serve;

import org.apache.spark.sql.types.DataType;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A Spark value in PostgreSQL's text and binary formats, as a DataRow carries it. Text follows PostgreSQL's output
 * (booleans t/f, floats 1e+10, dates ISO with BC, timestamps without zone to the microsecond, bytea as \x hex);
 * binary is PostgreSQL's send format of the column's {@link PgType} (numeric in base-10000 digits, dates and
 * timestamps counted from 2000-01-01). A Spark timestamp (an instant) is shown as the wall time of the
 * session's time zone, the zone the client was told in ParameterStatus.
 */
final class ValueFormats {
    private static final long DAYS_1970_TO_2000 = 10_957;
    private static final long SECONDS_1970_TO_2000 = DAYS_1970_TO_2000 * 86_400;
    private static final HexFormat HEX = HexFormat.of();

    private ValueFormats() {
    }

    static byte[] text(Object value, DataType type, ZoneId zone) {
        return textString(value, type, zone).getBytes(StandardCharsets.UTF_8);
    }

    static String textString(Object value, DataType type, ZoneId zone) {
        if (PgType.nested(type)) {
            return NestedValueJson.render(value, type, zone);
        }
        return scalarText(value, zone);
    }

    static String scalarText(Object value, ZoneId zone) {
        if (value instanceof Boolean b) {
            return b ? "t" : "f";
        } else if (value instanceof Float f) {
            return floatingText(Float.toString(f));
        } else if (value instanceof Double d) {
            return floatingText(Double.toString(d));
        } else if (value instanceof BigDecimal d) {
            return d.toPlainString();
        } else if (value instanceof byte[] bytes) {
            return "\\x" + HEX.formatHex(bytes);
        }
        LocalDate date = localDate(value);
        if (date != null) {
            return dateText(date);
        }
        LocalDateTime time = localDateTime(value, zone);
        if (time != null) {
            return timestampText(time);
        }
        return String.valueOf(value);
    }

    static byte[] binary(Object value, DataType type, PgType pgType, ZoneId zone) {
        return switch (pgType) {
            case BOOL -> new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
            case INT2 -> ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
            case INT4 -> ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
            case INT8 -> ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
            case FLOAT4 -> ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
            case FLOAT8 -> ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
            case NUMERIC -> numericBinary((BigDecimal) value);
            case DATE -> ByteBuffer.allocate(4).putInt((int) (localDate(value).toEpochDay() - DAYS_1970_TO_2000))
                    .array();
            case TIMESTAMP -> ByteBuffer.allocate(8).putLong(microsSince2000(localDateTime(value, zone))).array();
            case BYTEA -> (byte[]) value;
            case TEXT -> text(value, type, zone);
        };
    }

    /**
     * numeric's send format: digit count, weight (the power of 10000 of the first digit), sign, display scale,
     * then the base-10000 digits without leading or trailing zero digits.
     */
    static byte[] numericBinary(BigDecimal value) {
        int displayScale = Math.max(0, value.scale());
        String plain = value.abs().toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        whole = "0".repeat((4 - whole.length() % 4) % 4) + whole;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        String digits = whole + fraction;
        int count = digits.length() / 4;
        int weight = whole.length() / 4 - 1;
        int first = 0;
        while (first < count && digits.startsWith("0000", first * 4)) {
            first++;
            weight--;
        }
        int last = count;
        while (last > first && digits.startsWith("0000", (last - 1) * 4)) {
            last--;
        }
        if (first == last) {
            weight = 0;
        }
        var out = ByteBuffer.allocate(8 + 2 * (last - first));
        out.putShort((short) (last - first)).putShort((short) weight)
                .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) displayScale);
        for (int d = first; d < last; d++) {
            out.putShort(Short.parseShort(digits.substring(d * 4, d * 4 + 4)));
        }
        return out.array();
    }

    /** Java's float text in PostgreSQL's spelling: 1.5, 3, 1e+10, 1e-05, NaN, Infinity. */
    static String floatingText(String javaText) {
        int e = javaText.indexOf('E');
        String mantissa = e < 0 ? javaText : javaText.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        if (e < 0) {
            return mantissa;
        }
        int exponent = Integer.parseInt(javaText.substring(e + 1));
        return String.format(Locale.ROOT, "%se%s%02d", mantissa, exponent < 0 ? "-" : "+",
                Math.abs(exponent));
    }

    private static String dateText(LocalDate date) {
        int year = date.getYear();
        String text = String.format(Locale.ROOT, "%04d-%02d-%02d", year > 0 ? year : 1 - year,
                date.getMonthValue(), date.getDayOfMonth());
        return year > 0 ? text : text + " BC";
    }

    private static String timestampText(LocalDateTime time) {
        int year = time.getYear();
        var text = new StringBuilder(dateText(time.toLocalDate()).replace(" BC", ""));
        text.append(String.format(Locale.ROOT, " %02d:%02d:%02d", time.getHour(), time.getMinute(),
                time.getSecond()));
        int micros = time.getNano() / 1000;
        if (micros > 0) {
            String fraction = String.format(Locale.ROOT, "%06d", micros).replaceFirst("0+$", "");
            text.append('.').append(fraction);
        }
        return year > 0 ? text.toString() : text + " BC";
    }

    private static long microsSince2000(LocalDateTime time) {
        long seconds = time.toEpochSecond(ZoneOffset.UTC) - SECONDS_1970_TO_2000;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), time.getNano() / 1000);
    }

    /** A date value as Spark hands it (LocalDate with the Java 8 time API, java.sql.Date without), else null. */
    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        } else if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return null;
    }

    /** A timestamp value as a wall time: an instant in the session's zone, a timestamp_ntz as it is; else null. */
    private static LocalDateTime localDateTime(Object value, ZoneId zone) {
        if (value instanceof LocalDateTime t) {
            return t;
        } else if (value instanceof Instant i) {
            return LocalDateTime.ofInstant(i, zone);
        } else if (value instanceof java.sql.Timestamp t) {
            return LocalDateTime.ofInstant(t.toInstant(), zone);
        }
        return null;
    }
}
