package io.scv.config;

/** Orders that aggregate onto a record source's customers: order count, revenue, first and last order. */
public record OrdersConfig(InputFile input, String idColumn, String customerColumn, String dateColumn,
                           String amountColumn) {
}
