package io.scv.serve;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ValueFormatsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void floatsAreSpelledAsPostgresSpellsThem() {
        assertEquals("3", ValueFormats.floatingText("3.0"));
        assertEquals("1e+10", ValueFormats.floatingText("1.0E10"));
        assertEquals("1.5e-05", ValueFormats.floatingText("1.5E-5"));
        assertEquals("NaN", ValueFormats.floatingText("NaN"));
    }

    @Test
    void aTimestampIsTheWallTimeOfTheSessionZoneAndADateBeforeYearOneIsBc() {
        assertEquals("2024-07-01 14:00:00.5", ValueFormats.scalarText(Instant.parse("2024-07-01T12:00:00.500Z"),
                BERLIN));
        assertEquals("0044-03-15 BC", ValueFormats.scalarText(LocalDate.of(-43, 3, 15), BERLIN));
        assertEquals("\\x00ff", ValueFormats.scalarText(new byte[] {0, (byte) 0xFF}, BERLIN));
    }

    @Test
    void nestedValuesAreJsonWithBooleansAsTrueAndFalse() {
        var type = new org.apache.spark.sql.types.ArrayType(org.apache.spark.sql.types.DataTypes.BooleanType, true);
        assertEquals("[true,false,null]", NestedValueJson.render(
                scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList(true, false, null)).toSeq(),
                type, BERLIN));
    }

    @Test
    void numericBinaryIsBase10000DigitsWithWeightAndScale() {
        assertArrayEquals(numeric(3, 1, 0, 2, 1, 2345, 6700), ValueFormats.numericBinary(new BigDecimal("12345.67")));
        assertArrayEquals(numeric(1, -1, 0x4000, 4, 1), ValueFormats.numericBinary(new BigDecimal("-0.0001")));
        assertArrayEquals(numeric(0, 0, 0, 2), ValueFormats.numericBinary(new BigDecimal("0.00")));
        assertArrayEquals(numeric(1, 1, 0, 0, 1), ValueFormats.numericBinary(new BigDecimal("1E+4")));
    }

    @Test
    void nestedValuesAreJson() {
        var type = DataTypes.createArrayType(DataTypes.DoubleType);
        var value = scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(1.5, Double.NaN)).toSeq();
        assertEquals("[1.5,\"NaN\"]", ValueFormats.textString(value, type, BERLIN));
    }

    private static byte[] numeric(int digits, int weight, int sign, int scale, int... values) {
        var out = ByteBuffer.allocate(8 + 2 * values.length);
        out.putShort((short) digits).putShort((short) weight).putShort((short) sign).putShort((short) scale);
        for (int v : values) {
            out.putShort((short) v);
        }
        return out.array();
    }
}
