package io.scv.sample;

import java.util.List;

/**
 * Everyone the sample is about: the customers, with identity and footprint in each source, and the anonymous
 * visitors. Extracts are renderings of this population, so a later night can re-render the same people.
 */
record Population(List<Person> people, List<AnonymousVisitor> visitors) {
    Population {
        people = List.copyOf(people);
        visitors = List.copyOf(visitors);
    }
}
