package io.scv.sample;

import java.util.List;

/**
 * A city with what its addresses and landlines look like: the postcode prefixes in use there (GB postcode areas
 * such as "SW", Irish Eircode routing keys, leading digits elsewhere) and the landline area code without the trunk
 * prefix.
 */
record City(String country, String name, double weight, List<String> postcodePrefixes, String phoneArea) {
}
