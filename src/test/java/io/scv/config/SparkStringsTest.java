package io.scv.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SparkStringsTest {

    @Test
    void stringsAreOrderedByCodePointAsSparkOrdersTheirUtf8Bytes() {
        String emoji = new String(Character.toChars(0x1F600)); // a surrogate pair in UTF-16
        String privateUse = "\uE000";
        assertTrue("\uE000".compareTo(emoji) > 0, "Java's own order puts the surrogate pair first");
        assertTrue(SparkStrings.compare(privateUse, emoji) < 0, "U+E000 comes before U+1F600");
        assertTrue(SparkStrings.compare(emoji, privateUse) > 0);
        assertTrue(SparkStrings.compare("crm:1", "crm:10") < 0, "a prefix comes first");
        assertTrue(SparkStrings.compare("erp:1", "crm:9") > 0);
        assertEquals(0, SparkStrings.compare("web:d1", "web:d1"));
    }
}
