package io.yagura.portal.web;

import io.yagura.api.advisory.AdvisoryStore;
import io.yagura.api.health.HealthStore;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Triage;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.report.ReportService;
import io.yagura.api.report.ReportStore;
import io.yagura.api.response.BlockStore;
import io.yagura.portal.account.PortalAccounts;
import io.yagura.portal.account.PortalSessions;
import io.yagura.portal.live.LiveHub;
import io.yagura.portal.live.PortalNotices;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the routes use. The optional ones (acknowledgements, reports, the report maker, advisories) are suppliers
 * that answer null while their service is absent: the pages then say so instead of failing.
 */
public record Services(IncidentStore incidents, Triage triage, DeviceRegistry registry, HealthStore health,
                       BlockStore blocks, PortalAccounts accounts, PortalSessions sessions, LiveHub hub,
                       PortalNotices notices, Pages pages, Supplier<Acknowledgements> acknowledgements,
                       Supplier<ReportStore> reports, Supplier<ReportService> reportMaker,
                       Supplier<AdvisoryStore> advisories, Clock clock) {
}
