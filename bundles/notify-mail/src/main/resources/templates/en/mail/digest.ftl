<#-- Daily digest, English. Each incident is rendered with digest-item.ftl into digest.items. -->
Subject: [Yagura][DIGEST] ${customer.name} ${digest.date}: ${digest.count} incident(s)

Dear ${customer.name} security team,

Incidents of ${digest.date} that did not need an immediate notice
(${digest.summary}):

${digest.items}

Details are on the Yagura portal.

--
Yagura SOC - notice ${notice.id}, created ${notice.created}
This message was generated automatically.
