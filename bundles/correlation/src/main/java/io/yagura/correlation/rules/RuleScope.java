package io.yagura.correlation.rules;

import java.util.Set;

/**
 * Where the rules of one source run: for some customers only, and whether they are a canary house
 * rule (whose incidents are held for an analyst). Rules without a scope run for every customer.
 *
 * @param customers the customers the rules run for, or null for every customer
 * @param canaryOf  the house rule id when the rules are a canary, else null
 */
public record RuleScope(Set<String> customers, String canaryOf) {

    public RuleScope {
        customers = customers == null ? null : Set.copyOf(customers);
    }

    public boolean appliesTo(String customerId) {
        return customers == null || customers.contains(customerId);
    }
}
