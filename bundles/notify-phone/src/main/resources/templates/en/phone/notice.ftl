<#-- Spoken incident notice, English (said twice, then the prompt). Names: docs/phone.md. -->
This is the Yagura security operations center. ${level} incident for ${customer}.
Attacker: ${attackers}.
Target: ${targets}.
${action}
