package io.scv.sample;

/** A street type such as "Road", with the abbreviation people write ("Rd"); the abbreviation is blank if none. */
record StreetType(String name, String abbreviation, double weight) {
    boolean hasAbbreviation() {
        return !abbreviation.isEmpty();
    }
}
