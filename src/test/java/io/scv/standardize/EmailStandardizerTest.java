package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmailStandardizerTest {

    @Test
    void nullAndBlankBecomeNull() {
        assertNull(EmailStandardizer.normalize(null, true));
        assertNull(EmailStandardizer.normalize("   ", false));
        assertNull(EmailStandardizer.domain(null));
    }

    @Test
    void addressesAreTrimmedAndLowerCased() {
        assertEquals("ann.lee@example.co.uk", EmailStandardizer.normalize("  Ann.Lee@Example.CO.UK ", false));
    }

    @Test
    void malformedAddressesBecomeNull() {
        assertNull(EmailStandardizer.normalize("ann.example.com", false));
        assertNull(EmailStandardizer.normalize("ann@@example.com", false));
        assertNull(EmailStandardizer.normalize("ann@example", false));
        assertNull(EmailStandardizer.normalize("ann lee@example.com", false));
        assertNull(EmailStandardizer.normalize("@example.com", false));
        assertNull(EmailStandardizer.normalize("ann@example..com", false));
        assertNull(EmailStandardizer.normalize("ann@.example.com", false));
        assertNull(EmailStandardizer.normalize("ann@example.c", false));
    }

    @Test
    void gmailDotsAndTagsAreRemovedOnlyWithProviderRules() {
        assertEquals("annlee@gmail.com", EmailStandardizer.normalize("Ann.Lee+shop@gmail.com", true));
        assertEquals("ann.lee+shop@gmail.com", EmailStandardizer.normalize("Ann.Lee+shop@gmail.com", false));
    }

    @Test
    void googlemailBecomesGmailWithProviderRules() {
        assertEquals("annlee@gmail.com", EmailStandardizer.normalize("ann.lee@googlemail.com", true));
        assertEquals("ann.lee@googlemail.com", EmailStandardizer.normalize("ann.lee@googlemail.com", false));
    }

    @Test
    void otherDomainsLoseOnlyTheTag() {
        assertEquals("ann.lee@example.com", EmailStandardizer.normalize("ann.lee+news@example.com", true));
        assertEquals("ann.lee@outlook.com", EmailStandardizer.normalize("ann.lee@outlook.com", true));
    }

    @Test
    void aTagWithoutMailboxBecomesNull() {
        assertNull(EmailStandardizer.normalize("+news@example.com", true));
    }

    @Test
    void domainIsTheLowerCasePartAfterTheAt() {
        assertEquals("example.com", EmailStandardizer.domain("Ann@Example.COM"));
        assertNull(EmailStandardizer.domain("not an email"));
    }

    @Test
    void freeMailDomainsAreRecognisedIncludingCountryVariants() {
        assertTrue(EmailStandardizer.isFreeMailDomain("gmail.com"));
        assertTrue(EmailStandardizer.isFreeMailDomain("GoogleMail.com"));
        assertTrue(EmailStandardizer.isFreeMailDomain("yahoo.co.uk"));
        assertTrue(EmailStandardizer.isFreeMailDomain("hotmail.fr"));
        assertTrue(EmailStandardizer.isFreeMailDomain("live.com.au"));
        assertTrue(EmailStandardizer.isFreeMailDomain("icloud.com"));
        assertTrue(EmailStandardizer.isFreeMailDomain("proton.me"));
        assertTrue(EmailStandardizer.isFreeMailDomain("gmx.de"));
        assertTrue(EmailStandardizer.isFreeMailDomain("yandex.ru"));
        assertTrue(EmailStandardizer.isFreeMailDomain("ann@aol.com"));
    }

    @Test
    void businessDomainsAndMissingValuesAreNotFreeMail() {
        assertFalse(EmailStandardizer.isFreeMailDomain("acme.com"));
        assertFalse(EmailStandardizer.isFreeMailDomain("live.nationwide.co.uk"));
        assertFalse(EmailStandardizer.isFreeMailDomain("mygmail.com"));
        assertFalse(EmailStandardizer.isFreeMailDomain(null));
        assertFalse(EmailStandardizer.isFreeMailDomain(" "));
    }
}
