package io.scv.sample;

/**
 * How often each kind of dirt is put into the sample extracts. Every rate is a probability in [0, 1].
 *
 * <p>Record-level rates ({@code typo} … {@code streetAbbreviation}, {@code junkValue}) are drawn once per CRM
 * contact or ERP customer record; when a kind hits, it is applied to one field that it can apply to (for example a
 * nickname only replaces a first name that has one). Population-level rates are drawn once per person:
 * {@code moved} and {@code surnameChange} (among people who have both a CRM and an ERP record, so the stale value
 * is visible against a current one), {@code household}, {@code sameNameDifferentPerson}, and {@code workEmail}
 * (among business customers: the CRM holds the personal address while the ERP holds the work address).
 * {@code duplicateInSource} is drawn per person and source; {@code forwardedLink} per email click event;
 * {@code anonymousCustomerDevice} per customer device.
 */
public record DirtRates(double typo, double nickname, double swappedNames, double initialOnly, double missingField,
                        double caseAndSpacing, double phoneFormat, double emailVariant, double streetAbbreviation,
                        double moved, double surnameChange, double duplicateInSource, double household,
                        double sameNameDifferentPerson, double workEmail, double forwardedLink, double junkValue,
                        double anonymousCustomerDevice) {

    public DirtRates {
        checkRate("typo", typo);
        checkRate("nickname", nickname);
        checkRate("swappedNames", swappedNames);
        checkRate("initialOnly", initialOnly);
        checkRate("missingField", missingField);
        checkRate("caseAndSpacing", caseAndSpacing);
        checkRate("phoneFormat", phoneFormat);
        checkRate("emailVariant", emailVariant);
        checkRate("streetAbbreviation", streetAbbreviation);
        checkRate("moved", moved);
        checkRate("surnameChange", surnameChange);
        checkRate("duplicateInSource", duplicateInSource);
        checkRate("household", household);
        checkRate("sameNameDifferentPerson", sameNameDifferentPerson);
        checkRate("workEmail", workEmail);
        checkRate("forwardedLink", forwardedLink);
        checkRate("junkValue", junkValue);
        checkRate("anonymousCustomerDevice", anonymousCustomerDevice);
    }

    /**
     * Rates that make a sample about as messy as a real mid-size retailer's extracts. A customer device that never
     * identifies itself is kept rare (3%): the truth still assigns it to its owner, so each one is recall that no
     * matcher can earn, and a high rate would measure the generator rather than the matcher.
     */
    public static DirtRates defaults() {
        return new DirtRates(0.05, 0.08, 0.02, 0.03, 0.06,
                0.10, 0.30, 0.08, 0.25,
                0.08, 0.04, 0.06, 0.06,
                0.02, 0.50, 0.05, 0.02,
                0.03);
    }

    /** No dirt at all; source habits (blank dates of birth, ERP rows without email, …) remain. */
    public static DirtRates none() {
        return new DirtRates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    double rateOf(DirtKind kind) {
        return kind.rateIn(this);
    }

    private static void checkRate(String name, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be a probability between 0 and 1, was: " + rate);
        }
    }
}
