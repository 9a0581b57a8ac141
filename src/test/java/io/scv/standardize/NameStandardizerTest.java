package io.scv.standardize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NameStandardizerTest {

    @Test
    void nullBlankAndTitleOnlyNamesBecomeNull() {
        assertNull(NameStandardizer.firstName(null));
        assertNull(NameStandardizer.firstName("  "));
        assertNull(NameStandardizer.firstName("Mr."));
        assertNull(NameStandardizer.lastName(null));
        assertNull(NameStandardizer.splitFullName(null));
        assertNull(NameStandardizer.splitFullName(" "));
        assertNull(NameStandardizer.splitFullName("Dr."));
    }

    @Test
    void firstNameDropsAMiddleInitialButKeepsDoubleNames() {
        assertEquals("lawrence", NameStandardizer.firstName("Lawrence L"));
        assertEquals("jacqueline", NameStandardizer.firstName("Jacqueline A."));
        assertEquals("mary ann", NameStandardizer.firstName("Mary Ann B"));
    }

    @Test
    void firstNameDropsTitlesAndDots() {
        assertEquals("john", NameStandardizer.firstName("Mr John"));
        assertEquals("j", NameStandardizer.firstName("J."));
        assertEquals("j", NameStandardizer.firstName("Prof. Dr. J."));
        assertEquals("mary ann", NameStandardizer.firstName("Mary-Ann"));
        assertEquals("zoe", NameStandardizer.firstName("MISS ZOË"));
    }

    @Test
    void lastNameFoldsAndDropsGenerationalSuffix() {
        assertEquals("obrien", NameStandardizer.lastName("O'Brien"));
        assertEquals("smith jones", NameStandardizer.lastName("Smith-Jones"));
        assertEquals("smith", NameStandardizer.lastName("Smith Jr."));
        assertEquals("ii", NameStandardizer.lastName("Ii"));
    }

    @Test
    void fullNameFirstThenLast() {
        assertEquals(new NameParts("john", "smith"), NameStandardizer.splitFullName("John Smith"));
        assertEquals(new NameParts("john", "smith"), NameStandardizer.splitFullName("Mr John A Smith"));
        assertEquals(new NameParts("john", "smith"), NameStandardizer.splitFullName("john smith iii"));
    }

    @Test
    void fullNameLastCommaFirst() {
        assertEquals(new NameParts("john", "smith"), NameStandardizer.splitFullName("SMITH, John"));
        assertEquals(new NameParts("john", "smith"), NameStandardizer.splitFullName("Smith, John A."));
        assertEquals(new NameParts("john", "smith"), NameStandardizer.splitFullName("Smith, Mr. John"));
        assertEquals(new NameParts(null, "smith"), NameStandardizer.splitFullName("Smith,"));
    }

    @Test
    void singleTokenIsTheLastNameOnly() {
        assertEquals(new NameParts(null, "smith"), NameStandardizer.splitFullName("Smith"));
        assertEquals(new NameParts(null, "smith"), NameStandardizer.splitFullName("Mrs Smith"));
    }

    @Test
    void surnameParticlesStayWithTheLastName() {
        assertEquals(new NameParts("vincent", "van gogh"), NameStandardizer.splitFullName("Vincent van Gogh"));
        assertEquals(new NameParts("ana", "de la cruz"), NameStandardizer.splitFullName("Ana Maria de la Cruz"));
    }

    @Test
    void canonicalFirstNameResolvesNicknamesAndKeepsUnknownNames() {
        assertEquals("robert", NameStandardizer.canonicalFirstName("bob"));
        assertEquals("elizabeth", NameStandardizer.canonicalFirstName("liz"));
        assertEquals("robert", NameStandardizer.canonicalFirstName("robert"));
        assertEquals("xavier", NameStandardizer.canonicalFirstName("xavier"));
        assertNull(NameStandardizer.canonicalFirstName(null));
    }
}
