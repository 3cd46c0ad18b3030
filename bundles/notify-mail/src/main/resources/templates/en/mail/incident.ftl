<#-- Incident notice, English. Names and helpers: docs/templates.md. -->
Subject: [Yagura][${level.code}] ${incident.id} ${incident.title}

Dear ${customer.name} security team,

Yagura SOC has detected a security incident on your network.

Level:        ${level.label}
Incident:     ${incident.id}
Customer:     ${customer.name}
Title:        ${incident.title}
Category:     ${incident.category}
Detected:     ${incident.detected}
Notice due:   ${deadline}
Attackers:    ${attackers}
Targets:      ${targets}
Evidence:     ${incident.events} events, ${incident.firstSeen} to ${incident.lastSeen}
Status:       ${incident.status}

Analysis
--------
${analysis}

Recommended countermeasures
---------------------------
${countermeasures}

References
----------
${bullets(references)}

Why this level
--------------
${numbered(rationale)}

Please quote ${incident.id} when you reply or call the SOC.

--
Yagura SOC - notice ${notice.id}, created ${notice.created}
This message was generated automatically.
