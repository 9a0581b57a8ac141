package io.scv.sample;

/** The systems the sample has extracts from; the code is the value of truth.csv's source column. */
enum Source {
    CRM("crm"), ERP("erp"), WEB("web");

    final String code;

    Source(String code) {
        this.code = code;
    }
}
