package io.yagura.advisory;

/**
 * Someone an advisory goes to: a customer's contact by mail, or the customer's portal.
 *
 * @param name    the contact's name; the customer's name for the portal
 * @param address the mail address; the customer id for the portal
 */
public record Recipient(String customerId, String name, String address, String channel, String language) {
}
