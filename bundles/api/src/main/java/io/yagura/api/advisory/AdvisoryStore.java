package io.yagura.api.advisory;

import java.util.List;
import java.util.Optional;

/** Advisories as stored; the portal shows a customer those sent to it. */
public interface AdvisoryStore {

    /** Advisories sent to a customer, newest first. */
    List<Advisory> sentTo(String customerId);

    Optional<Advisory> find(String advisoryId);

    /** Whether the advisory was sent to this customer (the portal's tenant check). */
    boolean wasSentTo(String advisoryId, String customerId);
}
