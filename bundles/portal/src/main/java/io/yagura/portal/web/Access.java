package io.yagura.portal.web;

/** Who may call a route. */
public enum Access {
    /** No session needed (login, set password, the script). */
    PUBLIC,
    /** Any logged-in user; what it sees is still limited to its customer. */
    USER,
    /** Customer users only (acknowledging is the customer's act). */
    CUSTOMER,
    /** SOC staff only. */
    SOC
}
