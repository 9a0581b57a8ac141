package io.scv.sample;

import java.util.function.ToDoubleFunction;

/**
 * The kinds of dirt the sample generator can put into the extracts, one per {@link DirtRates} component, in the
 * order the components are declared. Each kind knows which rate governs it so code never has to switch on kinds
 * to find a rate.
 */
enum DirtKind {
    TYPO(DirtRates::typo),
    NICKNAME(DirtRates::nickname),
    SWAPPED_NAMES(DirtRates::swappedNames),
    INITIAL_ONLY(DirtRates::initialOnly),
    MISSING_FIELD(DirtRates::missingField),
    CASE_AND_SPACING(DirtRates::caseAndSpacing),
    PHONE_FORMAT(DirtRates::phoneFormat),
    EMAIL_VARIANT(DirtRates::emailVariant),
    STREET_ABBREVIATION(DirtRates::streetAbbreviation),
    MOVED(DirtRates::moved),
    SURNAME_CHANGE(DirtRates::surnameChange),
    DUPLICATE_IN_SOURCE(DirtRates::duplicateInSource),
    HOUSEHOLD(DirtRates::household),
    SAME_NAME_DIFFERENT_PERSON(DirtRates::sameNameDifferentPerson),
    WORK_EMAIL(DirtRates::workEmail),
    FORWARDED_LINK(DirtRates::forwardedLink),
    JUNK_VALUE(DirtRates::junkValue),
    ANONYMOUS_CUSTOMER_DEVICE(DirtRates::anonymousCustomerDevice);

    private final ToDoubleFunction<DirtRates> rate;

    DirtKind(ToDoubleFunction<DirtRates> rate) {
        this.rate = rate;
    }

    double rateIn(DirtRates rates) {
        return rate.applyAsDouble(rates);
    }
}
