<#-- インシデント通知 (日本語)。使える名前と関数は docs/templates.md を参照。 -->
Subject: [Yagura][${level.label}] ${incident.id} ${incident.title}

${customer.name} ご担当者様

Yagura SOC にて、貴社ネットワークのセキュリティインシデントを検知しましたのでお知らせいたします。

重要度:       ${level.label} (${level.code})
インシデント: ${incident.id}
お客様:       ${customer.name}
件名:         ${incident.title}
分類:         ${incident.category}
検知日時:     ${incident.detected}
通知期限:     ${deadline}
攻撃元:       ${attackers}
攻撃対象:     ${targets}
証跡:         ${incident.events} 件 (${incident.firstSeen} 〜 ${incident.lastSeen})
状態:         ${incident.status}

■ 分析結果
${analysis}

■ 推奨対策
${countermeasures}

■ 参考情報
${bullets(references)}

■ 重要度の判定理由
${numbered(rationale)}

ご返信・お問い合わせの際は ${incident.id} をお知らせください。

--
Yagura SOC - 通知 ${notice.id} (${notice.created} 作成)
このメールは自動送信されています。
