package io.scv.config;

import java.util.List;

/** Options of the standardise stage. {@code denyList} adds to the built-in generic values. */
public record StandardizeSettings(boolean emailProviderRules, boolean nicknames, boolean dayFirstDates,
                                  List<String> denyList) {
    public StandardizeSettings {
        denyList = List.copyOf(denyList);
    }
}
