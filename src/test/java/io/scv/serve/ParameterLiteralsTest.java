package io.scv.serve;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterLiteralsTest {
    private static final int VARCHAR = 1043;

    @Test
    void aPlainStringIsQuotedAndOneWithAQuoteOrBackslashGoesAsHex() {
        assertEquals("'Ada'", text(VARCHAR, "Ada"));
        assertEquals("CAST(X'4f27427269656e' AS STRING)", text(VARCHAR, "O'Brien"));
        assertEquals("CAST(X'615c' AS STRING)", text(0, "a\\"));
    }

    @Test
    void numbersAreCheckedAndNegativesBracketed() {
        assertEquals("(-5L)", text(20, "-5"));
        assertEquals("42", text(23, " 42 "));
        assertEquals("(-1.25BD)", text(1700, "-1.25"));
        assertEquals("CAST('NaN' AS DOUBLE)", text(701, "NaN"));
        var bad = assertThrows(SqlStateException.class, () -> ParameterLiterals.literal(2, 23, false,
                "1; DROP TABLE x".getBytes(StandardCharsets.UTF_8)));
        assertEquals("22P02", bad.sqlState());
        assertTrue(bad.getMessage().startsWith("parameter $2 is not a valid int4"), bad.getMessage());
        assertThrows(SqlStateException.class, () -> text(21, "70000"));
    }

    @Test
    void binaryParametersOfFixedSizeTypesAreDecoded() {
        assertEquals("(-7)", ParameterLiterals.literal(1, 23, true, ByteBuffer.allocate(4).putInt(-7).array()));
        assertEquals("TRUE", ParameterLiterals.literal(1, 16, true, new byte[] {1}));
        assertEquals("DATE'2000-01-03'", ParameterLiterals.literal(1, 1082, true,
                ByteBuffer.allocate(4).putInt(2).array()));
        assertEquals("(-0.0001BD)", ParameterLiterals.literal(1, 1700, true, ValueFormats.numericBinary(
                new java.math.BigDecimal("-0.0001"))));
        var wrongSize = assertThrows(SqlStateException.class, () -> ParameterLiterals.literal(3, 20, true,
                new byte[4]));
        assertEquals("08P01", wrongSize.sqlState());
    }

    @Test
    void aNullIsTypedByItsDeclaredType() {
        assertEquals("CAST(NULL AS INT)", ParameterLiterals.literal(1, 23, false, null));
        assertEquals("CAST(NULL AS STRING)", ParameterLiterals.literal(1, 0, false, null));
    }

    private static String text(int oid, String value) {
        return ParameterLiterals.literal(1, oid, false, value.getBytes(StandardCharsets.UTF_8));
    }
}
