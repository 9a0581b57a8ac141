package io.scv.config;

import java.util.List;
import java.util.Map;

/**
 * Survivorship: per golden field a rule (source_priority, most_recent, most_complete), the default for the
 * others, the order of sources for source_priority, and aggregates.
 */
public record GoldenSettings(List<String> sourcePriority, String defaultRule, Map<String, String> rules,
                             List<GoldenAggregate> aggregates) {
    public static final List<String> RULES = List.of("source_priority", "most_recent", "most_complete");
    /** The fields a golden record chooses a value for, each with its provenance. */
    public static final List<String> FIELDS = List.of("first_name", "last_name", "dob", "gender", "email", "phone",
            "street", "city", "postcode", "country", "company", "job_title");

    public GoldenSettings {
        sourcePriority = List.copyOf(sourcePriority);
        rules = Map.copyOf(rules);
        aggregates = List.copyOf(aggregates);
    }

    public String ruleFor(String field) {
        return rules.getOrDefault(field, defaultRule);
    }
}
