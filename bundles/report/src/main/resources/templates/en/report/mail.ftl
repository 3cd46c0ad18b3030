<#-- Mail that carries the English monthly report (attached as PDF). Names: docs/reports.md. -->
Subject: [Yagura] Monthly security report ${month} for ${customer.name}

Dear ${customer.name} security team,

Please find attached the Yagura SOC monthly security report for ${month}
(${report.file}, ${report.language}).

Incidents: ${incidents} (Emergency ${emergency}, Critical ${critical})

The report is also on the customer portal.

Yagura SOC
