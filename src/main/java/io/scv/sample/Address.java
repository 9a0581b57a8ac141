package io.scv.sample;

/**
 * A postal address as the generator knows it, before any source writes it down.
 *
 * @param premise house number, optionally with a flat ("Flat 3, 12")
 */
record Address(String premise, String streetName, StreetType streetType, City city, String postcode) {

    String streetLine() {
        return premise + " " + streetName + " " + streetType.name();
    }

    String country() {
        return city.country();
    }
}
