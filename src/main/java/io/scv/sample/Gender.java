package io.scv.sample;

/** Gender as CRM systems record it; the code is what the extract writes. */
enum Gender {
    MALE("M"), FEMALE("F");

    final String code;

    Gender(String code) {
        this.code = code;
    }
}
