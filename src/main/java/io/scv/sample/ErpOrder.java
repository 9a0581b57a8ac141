package io.scv.sample;

import java.util.List;

/** One row of erp_orders.csv; amount is already written with two decimals. */
record ErpOrder(String orderId, String customerNo, String orderDate, String amount, String currency) {

    static final List<String> HEADER = List.of("order_id", "customer_no", "order_date", "amount", "currency");

    List<String> row() {
        return List.of(orderId, customerNo, orderDate, amount, currency);
    }
}
