package io.scv.serve;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A Bind parameter as a Spark SQL literal, so that a statement with {@code $n} placeholders runs as plain SQL. The
 * value is checked against the type the client declared (a bad number fails with SQLSTATE 22P02, naming the
 * parameter) and written so that it cannot end its literal: a string holding a quote, a backslash or a control
 * character goes as hex ({@code CAST(X'..' AS STRING)}), whatever the parser's escaping settings; negative numbers
 * go in brackets. Text-format parameters of any type are taken; binary ones for the fixed-size types pgjdbc sends
 * that way (bool, int2/4/8, float4/8, numeric, bytea, text, uuid, date, timestamp).
 */
final class ParameterLiterals {
    static final int UNSPECIFIED = 0;
    private static final int NAME = 19;
    private static final int OID = 26;
    private static final int JSON = 114;
    private static final int UNKNOWN = 705;
    private static final int BPCHAR = 1042;
    private static final int VARCHAR = 1043;
    private static final int TIMESTAMPTZ = 1184;
    private static final int UUID_OID = 2950;
    private static final int JSONB = 3802;
    private static final Set<Integer> TEXT_OIDS = Set.of(UNSPECIFIED, NAME, JSON, PgType.TEXT.oid(), UNKNOWN, BPCHAR,
            VARCHAR, JSONB);
    private static final Set<String> TRUE_WORDS = Set.of("t", "true", "y", "yes", "on", "1");
    private static final Set<String> FALSE_WORDS = Set.of("f", "false", "n", "no", "off", "0");
    private static final HexFormat HEX = HexFormat.of();

    private ParameterLiterals() {
    }

    /** Parameter {@code $number} (for messages) of declared type {@code oid}; a null value is SQL NULL. */
    static String literal(int number, int oid, boolean binary, byte[] value) {
        if (value == null) {
            return typedNull(oid);
        }
        return binary ? fromBinary(number, oid, value) : fromText(number, oid,
                new String(value, StandardCharsets.UTF_8));
    }

    /** A NULL of the Spark type that matches the declared type, so a described result has the right types. */
    static String typedNull(int oid) {
        return "CAST(NULL AS " + sparkType(oid) + ")";
    }

    /**
     * A stand-in value of the declared type for describing a statement before its parameters are bound: zero for
     * integers (so {@code LIMIT $1} still plans), a typed NULL otherwise.
     */
    static String placeholderValue(int oid) {
        if (oid == PgType.INT2.oid()) {
            return "0S";
        } else if (oid == PgType.INT4.oid()) {
            return "0";
        } else if (oid == PgType.INT8.oid()) {
            return "0L";
        }
        return typedNull(oid);
    }

    /** The type a Describe of the statement reports for a parameter: as declared, text where it was left open. */
    static int describedOid(int oid) {
        return oid == UNSPECIFIED ? PgType.TEXT.oid() : oid;
    }

    /** A string literal that no value can break out of. */
    static String stringLiteral(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\' || c < 0x20) {
                return "CAST(X'" + HEX.formatHex(value.getBytes(StandardCharsets.UTF_8)) + "' AS STRING)";
            }
        }
        return "'" + value + "'";
    }

    private static String fromText(int number, int oid, String text) {
        if (oid == PgType.BOOL.oid()) {
            return bool(number, text);
        } else if (oid == PgType.INT2.oid()) {
            return integer(number, "int2", text, Short.MIN_VALUE, Short.MAX_VALUE, "S");
        } else if (oid == PgType.INT4.oid()) {
            return integer(number, "int4", text, Integer.MIN_VALUE, Integer.MAX_VALUE, "");
        } else if (oid == PgType.INT8.oid() || oid == OID) {
            return integer(number, "int8", text, Long.MIN_VALUE, Long.MAX_VALUE, "L");
        } else if (oid == PgType.FLOAT4.oid() || oid == PgType.FLOAT8.oid()) {
            return floating(number, oid == PgType.FLOAT4.oid() ? "FLOAT" : "DOUBLE", text);
        } else if (oid == PgType.NUMERIC.oid()) {
            return decimal(number, text);
        } else if (oid == PgType.DATE.oid()) {
            return "CAST(" + stringLiteral(text) + " AS DATE)";
        } else if (oid == PgType.TIMESTAMP.oid() || oid == TIMESTAMPTZ) {
            return "CAST(" + stringLiteral(text) + " AS TIMESTAMP)";
        } else if (oid == PgType.BYTEA.oid()) {
            byte[] bytes = text.startsWith("\\x") ? hex(number, text.substring(2))
                    : text.getBytes(StandardCharsets.UTF_8);
            return "X'" + HEX.formatHex(bytes) + "'";
        }
        return stringLiteral(text);
    }

    private static String fromBinary(int number, int oid, byte[] value) {
        if (oid == PgType.BOOL.oid()) {
            return size(number, "bool", value, 1).get() != 0 ? "TRUE" : "FALSE";
        } else if (oid == PgType.INT2.oid()) {
            return signed(size(number, "int2", value, 2).getShort(), "S");
        } else if (oid == PgType.INT4.oid()) {
            return signed(size(number, "int4", value, 4).getInt(), "");
        } else if (oid == PgType.INT8.oid()) {
            return signed(size(number, "int8", value, 8).getLong(), "L");
        } else if (oid == PgType.FLOAT4.oid()) {
            return "CAST('" + size(number, "float4", value, 4).getFloat() + "' AS FLOAT)";
        } else if (oid == PgType.FLOAT8.oid()) {
            return "CAST('" + size(number, "float8", value, 8).getDouble() + "' AS DOUBLE)";
        } else if (oid == PgType.DATE.oid()) {
            long days = size(number, "date", value, 4).getInt() + 10_957L;
            return "DATE'" + LocalDate.ofEpochDay(days) + "'";
        } else if (oid == PgType.TIMESTAMP.oid()) {
            long micros = size(number, "timestamp", value, 8).getLong();
            var time = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + 946_684_800L,
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            return "TIMESTAMP'" + time + "'";
        } else if (oid == PgType.NUMERIC.oid()) {
            BigDecimal v = numeric(number, value);
            return v.signum() < 0 ? "(" + v.toPlainString() + "BD)" : v.toPlainString() + "BD";
        } else if (oid == UUID_OID) {
            var b = size(number, "uuid", value, 16);
            return stringLiteral(new UUID(b.getLong(), b.getLong()).toString());
        } else if (oid == PgType.BYTEA.oid()) {
            return "X'" + HEX.formatHex(value) + "'";
        } else if (TEXT_OIDS.contains(oid)) {
            return stringLiteral(new String(value, StandardCharsets.UTF_8));
        }
        throw new SqlStateException(SqlStateException.FEATURE_NOT_SUPPORTED, "parameter $" + number
                + ": binary format of type oid " + oid + " is not supported; send it as text");
    }

    /** numeric's binary format: digit count, weight, sign, display scale, then base-10000 digits. */
    private static BigDecimal numeric(int number, byte[] value) {
        if (value.length < 8) {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "parameter $" + number
                    + ": binary numeric must be at least 8 bytes, was: " + value.length);
        }
        var b = ByteBuffer.wrap(value);
        int digits = b.getShort();
        int weight = b.getShort();
        int sign = b.getShort() & 0xFFFF;
        int displayScale = b.getShort();
        if ((sign != 0 && sign != 0x4000) || value.length != 8 + 2 * digits) {
            throw new SqlStateException(SqlStateException.FEATURE_NOT_SUPPORTED, "parameter $" + number
                    + ": binary numeric is NaN, infinite or malformed");
        }
        BigDecimal v = BigDecimal.ZERO;
        for (int i = 0; i < digits; i++) {
            v = v.add(BigDecimal.valueOf(b.getShort()).scaleByPowerOfTen(4 * (weight - i)));
        }
        v = v.setScale(Math.max(displayScale, 0), java.math.RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? v.negate() : v;
    }

    private static ByteBuffer size(int number, String type, byte[] value, int bytes) {
        if (value.length != bytes) {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "parameter $" + number + ": binary "
                    + type + " must be " + bytes + " bytes, was: " + value.length);
        }
        return ByteBuffer.wrap(value);
    }

    private static String bool(int number, String text) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word)) {
            return "TRUE";
        } else if (FALSE_WORDS.contains(word)) {
            return "FALSE";
        }
        throw invalid(number, "bool", text);
    }

    private static String integer(int number, String type, String text, long min, long max, String suffix) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < min || v > max) {
                throw invalid(number, type, text);
            }
            return signed(v, suffix);
        } catch (NumberFormatException e) {
            throw invalid(number, type, text);
        }
    }

    private static String signed(long v, String suffix) {
        return v < 0 ? "(" + v + suffix + ")" : v + suffix;
    }

    private static String floating(int number, String sparkType, String text) {
        String t = text.trim();
        try {
            double v = switch (t.toLowerCase(Locale.ROOT)) {
                case "infinity", "inf", "+infinity", "+inf" -> Double.POSITIVE_INFINITY;
                case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
                case "nan" -> Double.NaN;
                default -> Double.parseDouble(t);
            };
            return "CAST('" + v + "' AS " + sparkType + ")";
        } catch (NumberFormatException e) {
            throw invalid(number, sparkType.toLowerCase(Locale.ROOT), text);
        }
    }

    private static String decimal(int number, String text) {
        try {
            var v = new BigDecimal(text.trim());
            String plain = v.toPlainString() + "BD";
            return v.signum() < 0 ? "(" + plain + ")" : plain;
        } catch (NumberFormatException e) {
            throw invalid(number, "numeric", text);
        }
    }

    private static byte[] hex(int number, String digits) {
        try {
            return HEX.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw invalid(number, "bytea", "\\x" + digits);
        }
    }

    private static String sparkType(int oid) {
        if (oid == PgType.BOOL.oid()) {
            return "BOOLEAN";
        } else if (oid == PgType.INT2.oid()) {
            return "SMALLINT";
        } else if (oid == PgType.INT4.oid()) {
            return "INT";
        } else if (oid == PgType.INT8.oid() || oid == OID) {
            return "BIGINT";
        } else if (oid == PgType.FLOAT4.oid()) {
            return "FLOAT";
        } else if (oid == PgType.FLOAT8.oid()) {
            return "DOUBLE";
        } else if (oid == PgType.NUMERIC.oid()) {
            return "DECIMAL(38,18)";
        } else if (oid == PgType.DATE.oid()) {
            return "DATE";
        } else if (oid == PgType.TIMESTAMP.oid() || oid == TIMESTAMPTZ) {
            return "TIMESTAMP";
        } else if (oid == PgType.BYTEA.oid()) {
            return "BINARY";
        }
        return "STRING";
    }

    private static SqlStateException invalid(int number, String type, String text) {
        return new SqlStateException(SqlStateException.INVALID_TEXT_REPRESENTATION, "parameter $" + number
                + " is not a valid " + type + ": '" + text + "'");
    }
}
