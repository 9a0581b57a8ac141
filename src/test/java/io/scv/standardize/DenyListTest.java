package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DenyListTest {

    private final DenyList defaults = DenyList.defaults();

    @Test
    void nullStaysNullAndBlankBecomesNull() {
        assertNull(defaults.clean(null));
        assertNull(defaults.clean("   "));
        assertFalse(defaults.isDenied(null));
        assertTrue(defaults.isDenied(" "));
    }

    @Test
    void defaultPlaceholdersAreDeniedIgnoringCaseAndSpaces() {
        for (var value : List.of("test@test.com", " TEST@Test.com ", "N/A", "n / a", "NA", "None", "NULL",
                "unknown", "-", ".", "xxx", "0000000000", "1234567890", "123456", "example@example.com")) {
            assertNull(defaults.clean(value), value);
        }
    }

    @Test
    void realValuesPassThroughUnchanged() {
        assertEquals(" Ann@Example.com ", defaults.clean(" Ann@Example.com "));
        assertEquals("07700 900123", defaults.clean("07700 900123"));
        assertEquals("Smith", defaults.clean("Smith"));
        assertEquals("testa@example.com", defaults.clean("testa@example.com"));
    }

    @Test
    void phonesOfOneRepeatedDigitOrAStraightRunAreDenied() {
        assertTrue(defaults.isDenied("+1 (111) 111-1111"));
        assertTrue(defaults.isDenied("99999999"));
        assertTrue(defaults.isDenied("0123456789"));
        assertTrue(defaults.isDenied("987654321"));
        assertFalse(defaults.isDenied("11111"), "too short to judge");
        assertFalse(defaults.isDenied("1234 5679"));
    }

    @Test
    void placeholderEmailLocalPartsAreDeniedAtAnyDomain() {
        assertTrue(defaults.isDenied("noemail@acme.com"));
        assertTrue(defaults.isDenied("No.Email@acme.com"));
        assertTrue(defaults.isDenied("unknown@gmail.com"));
        assertTrue(defaults.isDenied("asdf@x.org"));
        assertFalse(defaults.isDenied("nora@acme.com"));
    }

    @Test
    void customListDeniesOnlyItsValues() {
        var custom = DenyList.of(List.of("Not Given", "999"));
        assertTrue(custom.isDenied("not given"));
        assertTrue(custom.isDenied("999"));
        assertFalse(custom.isDenied("n/a"));
        assertFalse(custom.isDenied("0000000000"));
    }

    @Test
    void plusExtendsWithoutChangingTheOriginal() {
        var extended = defaults.plus(List.of("Not Given"));
        assertTrue(extended.isDenied("NOT GIVEN"));
        assertTrue(extended.isDenied("0000000000"));
        assertFalse(defaults.isDenied("not given"));
    }

    @Test
    void survivesJavaSerialisationForSparkClosures() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(defaults.plus(List.of("Not Given")));
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            var copy = (DenyList) in.readObject();
            assertTrue(copy.isDenied("not given"));
            assertTrue(copy.isDenied("n/a"));
            assertTrue(copy.isDenied("2222222222"));
        }
    }

    /** The default list as its class comment defines it, in regular expressions; the class loops instead. */
    private static boolean deniedByDefinition(String value) {
        if (value.isBlank()) {
            return true;
        }
        String key = value.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (Set.of("test@test.com", "noemail@none.com", "none@none.com", "no@email.com", "example@example.com",
                "0000000000", "1234567890", "123456", "n/a", "na", "none", "null", "unknown", "test", "-", "xxx",
                ".").contains(key)) {
            return true;
        }
        if (key.matches("[0-9+().\\-\\s]+")) {
            String digits = key.replaceAll("\\D+", "");
            if (digits.length() >= 6 && (digits.chars().distinct().count() == 1
                    || "01234567890123456789".contains(digits) || "98765432109876543210".contains(digits))) {
                return true;
            }
        }
        int at = key.lastIndexOf('@');
        return at > 0 && Set.of("test", "noemail", "none", "no", "na", "null", "unknown", "asdf", "xxx")
                .contains(key.substring(0, at).replaceAll("[._\\-]", ""));
    }

    @Test
    void randomValuesAreDeniedExactlyAsTheRegularExpressionsDefine() {
        var random = new Random(11);
        String alphabet = "0123456789+().-_ \t\n\u000B\f\r\u00A0@tesTnoaxuklNA/,";
        for (int i = 0; i < 50_000; i++) {
            var value = new StringBuilder();
            for (int n = random.nextInt(14); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String v = value.toString();
            assertEquals(deniedByDefinition(v), defaults.isDenied(v), "'" + v + "'");
        }
        for (var v : List.of("1234567890", "0987654321", "98 76 54", "+44 (0)20 0000 0000", "t.e_s-t@x.org",
                "1111-11", "12345", "N / A")) {
            assertEquals(deniedByDefinition(v), defaults.isDenied(v), v);
        }
    }
}
