<#-- A notice of the test area: one line per value. -->
Notice ${incident.id} for ${customer}: ${level.label}
Attackers: ${attackers}
${bullets(references)}
