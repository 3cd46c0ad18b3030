<#-- 日次ダイジェストの 1 件分 (日本語、Subject 行はありません)。 -->
* [${level.label}] ${incident.id} ${incident.title}
  検知 ${incident.detected}、${incident.category}、状態 ${incident.status}
  攻撃元 ${attackers} → 攻撃対象 ${targets}
