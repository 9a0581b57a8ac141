package io.scv.sample;

import java.util.List;

/** Everything one night's sample consists of, in memory, with the population it was rendered from. */
record SampleExtracts(Population population, List<CrmContact> crmContacts, List<ErpCustomer> erpCustomers,
                      List<ErpOrder> erpOrders, List<WebDevice> webDevices, List<ClickEvent> clickEvents) {

    int truthRows() {
        return crmContacts.size() + erpCustomers.size() + webDevices.size();
    }
}
