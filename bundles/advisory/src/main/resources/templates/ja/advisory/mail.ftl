<#-- アドバイザリのメール (日本語)。使える名前: docs/advisories.md -->
Subject: [Yagura アドバイザリ][${severity}] ${title}

${customer.name}
${contact.name} 様

Yagura SOC より、以下のセキュリティアドバイザリをお知らせいたします。

アドバイザリ: ${id}
深刻度:       ${severity}
対象:         ${affected}

${title}
${body}

本アドバイザリはポータルでもご覧いただけます。

Yagura SOC
