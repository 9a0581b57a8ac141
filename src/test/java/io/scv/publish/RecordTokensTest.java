package io.scv.publish;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class RecordTokensTest {
    @Test
    void aTokenIsStableForOneSecretAndDiffersUnderAnother() {
        String a = RecordTokens.token("secret one of 16+", "crm:AN-1001");
        assertEquals(a, RecordTokens.token("secret one of 16+", "crm:AN-1001"));
        assertNotEquals(a, RecordTokens.token("secret two of 16+", "crm:AN-1001"));
        assertNotEquals(a, RecordTokens.token("secret one of 16+", "crm:AN-1002"));
        assertTrue(a.matches("tok-[0-9a-f]{32}"), a);
        assertFalse(a.contains("AN-1001"));
    }

    @Test
    void aMissingKeyHasNoToken() {
        assertNull(RecordTokens.token("secret one of 16+", null));
    }
}
