<#-- Advisory mail, English. Names: docs/advisories.md. -->
Subject: [Yagura advisory][${severity}] ${title}

Dear ${contact.name},

Yagura SOC publishes the following security advisory for ${customer.name}.

Advisory:  ${id}
Severity:  ${severity}
Affected:  ${affected}

${title}
${body}

This advisory is also on the customer portal.

Yagura SOC
