/**
 * Security advisories: {@link io.yagura.advisory.AdvisoryService} writes them and sends them to the
 * matching customers' contacts by mail and to their portal; {@link io.yagura.advisory.JdbcAdvisoryStore}
 * keeps them with every delivery. Private to this bundle.
 */
package io.yagura.advisory;
