<#-- 解決通知 (日本語): インシデントを終了し、被害は確認されませんでした。 -->
Subject: [Yagura][解決] ${incident.id} ${incident.title}

${customer.name} ご担当者様

Yagura SOC はインシデント ${incident.id} を終了しました。貴社での追加の対応は不要です。

重要度:       ${level.label} (${level.code})
インシデント: ${incident.id}
お客様:       ${customer.name}
件名:         ${incident.title}
分類:         ${incident.category}
検知日時:     ${incident.detected}
通知期限:     ${deadline}
攻撃元:       ${attackers}
攻撃対象:     ${targets}
状態:         ${incident.status}

■ 分析結果
${analysis}

■ 対策
${countermeasures}

■ 参考情報
${bullets(references)}

■ 重要度の判定理由
${numbered(rationale)}

--
Yagura SOC - 通知 ${notice.id} (${notice.created} 作成)
このメールは自動送信されています。
