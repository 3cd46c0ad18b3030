package io.yagura.portal.account;

/** What a portal user may see: SOC staff see every customer, a customer user only its own organisation. */
public enum Role {
    SOC, CUSTOMER
}
