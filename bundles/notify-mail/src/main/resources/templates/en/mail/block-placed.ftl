<#-- Block placed, English: the SOC blocked the attacker's address on the customer's firewall. -->
Subject: [Yagura][BLOCKED] ${incident.id} ${attackers}

Dear ${customer.name} security team,

As part of incident ${incident.id} (${level.label}), Yagura SOC has blocked the following
address(es) on your firewall. The block was verified by reading your device's configuration
back, and is removed automatically at its expiry.

<#list blocks as b>
  ${b.address} on ${b.device}: placed ${b.placed}, removed ${b.expires} (reference ${b.reference})
<#else>
  (the block has already ended; see the incident for its history)
</#list>

Incident:     ${incident.id} - ${incident.title}
Level:        ${level.label}
Attackers:    ${attackers}
Targets:      ${targets}

Traffic between these addresses and your network is refused while the block is in place. If a
block stops traffic you need, call the SOC and quote the reference: we lift it at once.

--
Yagura SOC - notice ${notice.id}, created ${notice.created}
This message was generated automatically.
