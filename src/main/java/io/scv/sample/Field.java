package io.scv.sample;

/** The identity fields a source record can carry; dirt is applied to these before a row is written. */
enum Field {
    FIRST_NAME, LAST_NAME, DOB, GENDER, EMAIL, PHONE, STREET, CITY, POSTCODE, COUNTRY, COMPANY, JOB_TITLE
}
