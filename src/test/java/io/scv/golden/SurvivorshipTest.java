package io.scv.golden;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SurvivorshipTest {

    @Test
    void textIsOrderedByCodePointAsSparkOrdersItsUtf8Bytes() {
        String emoji = new String(Character.toChars(0x1F600)); // a surrogate pair in UTF-16
        String privateUse = "\uE000";
        assertTrue("\uE000".compareTo(emoji) > 0, "Java's own order puts the surrogate pair first");
        assertTrue(Survivorship.compareText(privateUse, emoji) < 0, "U+E000 comes before U+1F600");
        assertTrue(Survivorship.compareText(emoji, privateUse) > 0);
        assertTrue(Survivorship.compareText("crm:1", "crm:10") < 0, "a prefix comes first");
        assertTrue(Survivorship.compareText("erp:1", "crm:9") > 0);
        assertEquals(0, Survivorship.compareText("web:d1", "web:d1"));
    }
}
