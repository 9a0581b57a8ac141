package io.scv.config;

import java.util.List;

/** Orders that aggregate onto a record source's customers: order count, revenue, first and last order. */
public record OrdersConfig(InputFile input, String idColumn, String customerColumn, String dateColumn,
                           String amountColumn) {
    /** The order columns the config reads; nothing else of an order row needs to be kept. */
    public List<String> columnsRead() {
        return List.of(idColumn, customerColumn, dateColumn, amountColumn);
    }
}
