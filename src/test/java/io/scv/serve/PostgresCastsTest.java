package io.scv.serve;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PostgresCastsTest {
    @Test
    void pgjdbcSimpleModeParametersBecomeSparkCasts() {
        assertEquals("SELECT ('42'::INT), ('2.5'::DOUBLE), ('t'::BOOLEAN), ('2024-01-02'::date)",
                PostgresCasts.translate(
                        "SELECT ('42'::int4), ('2.5'::double precision), ('t'::bool), ('2024-01-02'::date)"));
    }

    @Test
    void aQuotedNumberCastToNumericKeepsItsScale() {
        assertEquals("SELECT ((-1.250BD)), ((1000BD))", PostgresCasts.translate(
                "SELECT ('-1.250'::numeric), ('1E+3'::numeric)"));
        assertEquals("SELECT x::DECIMAL(38,18), y::numeric(10,2)",
                PostgresCasts.translate("SELECT x::numeric, y::numeric(10,2)"));
    }

    @Test
    void quotedTextAndSparkTypeNamesStay() {
        String sql = "SELECT 'a::int4', x::string, y::varchar(5) -- z::int4";
        assertEquals(sql, PostgresCasts.translate(sql));
    }

    @Test
    void multiWordNamesAndCaseAreRecognised() {
        assertEquals("SELECT t::TIMESTAMP, u::STRING",
                PostgresCasts.translate("SELECT t::Timestamp  With Time Zone, u::CHARACTER VARYING"));
    }
}
