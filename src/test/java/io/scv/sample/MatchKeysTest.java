package io.scv.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys the planted scenarios are chosen by see through the spellings the extracts use, and never match junk. */
class MatchKeysTest {

    @Test
    void emailVariantsOfOneMailboxHaveOneKey() {
        for (String variant : List.of("jo.smith@gmail.com", "JO.SMITH@GMAIL.COM", "Jo.Smith@gmail.com",
                "josmith@gmail.com", "jo.smith+offers@gmail.com", "jo.smith@googlemail.com", " jo.smith@gmail.com ")) {
            assertEquals("josmith@gmail.com", MatchKeys.email(variant), variant);
        }
        assertEquals("jo.smith@outlook.com", MatchKeys.email("Jo.Smith+shop@outlook.com"));
    }

    @Test
    void aNumberHasOneKeyInEveryFormat() {
        var mobile = new PhoneNumber("44", "0", "7700900123", List.of(4, 6));
        for (PhoneFormat format : PhoneFormat.values()) {
            assertEquals("00900123", MatchKeys.phone(mobile.format(format)), format.name());
        }
    }

    @Test
    void blanksAndJunkHaveNoKeyAndMatchNothing() {
        for (String junk : List.of("", "N/A", "test@test.com", "noemail@none.com", "jo@", "@gmail.com")) {
            assertNull(MatchKeys.email(junk), junk);
        }
        for (String junk : List.of("", "N/A", "0000000000", "123456")) {
            assertNull(MatchKeys.phone(junk), junk);
        }
        assertNull(MatchKeys.postcode("N/A"));
        assertFalse(MatchKeys.same(null, null));
    }

    @Test
    void postcodesMatchWhateverTheCaseAndSpacing() {
        assertTrue(MatchKeys.same(MatchKeys.postcode("SW1A 1AA"), MatchKeys.postcode("sw1a  1aa")));
        assertEquals("sw1a1aa", MatchKeys.postcode("SW1A1AA"));
    }
}
