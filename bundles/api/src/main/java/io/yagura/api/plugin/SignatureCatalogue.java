package io.yagura.api.plugin;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional capability: what a vendor signature id means (category, CVEs), used for
 * enrichment and for retiring house signatures once the vendor covers a threat.
 */
@ConsumerType
public interface SignatureCatalogue {

    record Signature(String id, String name, String category, List<String> cves) {
    }

    Optional<Signature> lookup(String signatureId);

    /** Version of the vendor's signature set this catalogue describes. */
    String version();
}
