<#-- テスト用の通知 -->
通知 ${incident.id} (${customer} 様): ${level.label}
攻撃元: ${attackers}
${bullets(references)}
