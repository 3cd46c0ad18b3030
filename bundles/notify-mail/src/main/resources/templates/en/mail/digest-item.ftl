<#-- One incident of the daily digest, English (no Subject line in this file). -->
* [${level.label}] ${incident.id} ${incident.title}
  detected ${incident.detected}, ${incident.category}, status ${incident.status}
  attackers ${attackers} -> targets ${targets}
