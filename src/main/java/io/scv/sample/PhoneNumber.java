package io.scv.sample;

import java.util.List;

/**
 * A phone number held as its parts so it can be written in any {@link PhoneFormat}.
 *
 * @param countryCode    calling code without "+", e.g. "44"
 * @param trunkPrefix    what is dialled before the national number inside the country ("0" in GB; blank in SG, US)
 * @param nationalNumber the national significant number, digits only, e.g. "7700900123"
 * @param groups         how the national number is split into digit groups when written with spaces
 */
record PhoneNumber(String countryCode, String trunkPrefix, String nationalNumber, List<Integer> groups) {

    PhoneNumber {
        groups = List.copyOf(groups);
        int grouped = groups.stream().mapToInt(Integer::intValue).sum();
        if (grouped != nationalNumber.length()) {
            throw new IllegalArgumentException("groups must cover the national number " + nationalNumber
                    + ", were: " + groups);
        }
    }

    String format(PhoneFormat format) {
        return switch (format) {
            case E164 -> "+" + countryCode + nationalNumber;
            case INTERNATIONAL -> "+" + countryCode + " " + spacedNationalNumber();
            case NATIONAL -> trunkPrefix + spacedNationalNumber();
            case NATIONAL_COMPACT -> trunkPrefix + nationalNumber;
            case NATIONAL_BRACKETED -> bracketed();
            case INTERNATIONAL_DIALLING -> "00" + countryCode + " " + spacedNationalNumber();
            case DIGITS_ONLY -> countryCode + nationalNumber;
        };
    }

    private String spacedNationalNumber() {
        var spaced = new StringBuilder();
        int start = 0;
        for (int length : groups) {
            if (start > 0) {
                spaced.append(' ');
            }
            spaced.append(nationalNumber, start, start + length);
            start += length;
        }
        return spaced.toString();
    }

    /** "(07700) 900-123": the first group with its trunk prefix in brackets, a dash after three more digits. */
    private String bracketed() {
        int firstGroup = groups.get(0);
        String rest = nationalNumber.substring(firstGroup);
        String dashed = rest.length() > 3 ? rest.substring(0, 3) + "-" + rest.substring(3) : rest;
        return "(" + trunkPrefix + nationalNumber.substring(0, firstGroup) + ") " + dashed;
    }
}
