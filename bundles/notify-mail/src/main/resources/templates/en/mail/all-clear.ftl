<#-- All-clear notice, English: the incident was closed and no harm was found. -->
Subject: [Yagura][ALL CLEAR] ${incident.id} ${incident.title}

Dear ${customer.name} security team,

Yagura SOC has closed incident ${incident.id}. No further action is needed on your side.

Level:        ${level.label}
Incident:     ${incident.id}
Customer:     ${customer.name}
Title:        ${incident.title}
Category:     ${incident.category}
Detected:     ${incident.detected}
Notice due:   ${deadline}
Attackers:    ${attackers}
Targets:      ${targets}
Status:       ${incident.status}

Analysis
--------
${analysis}

Countermeasures
---------------
${countermeasures}

References
----------
${bullets(references)}

Why this level
--------------
${numbered(rationale)}

--
Yagura SOC - notice ${notice.id}, created ${notice.created}
This message was generated automatically.
