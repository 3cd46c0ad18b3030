<#-- 遮断実施のお知らせ (日本語): SOC が攻撃元アドレスをお客様のファイアウォールで遮断しました。 -->
Subject: [Yagura][遮断実施] ${incident.id} ${attackers}

${customer.name} ご担当者様

インシデント ${incident.id} (${level.label}) への対応として、Yagura SOC は以下のアドレスを
貴社のファイアウォールで遮断しました。遮断は機器の設定を読み戻して確認済みで、期限に
自動的に解除されます。

<#list blocks as b>
  ${b.address} (${b.device}): ${b.placed} 実施、${b.expires} 解除予定 (参照番号 ${b.reference})
<#else>
  (遮断はすでに終了しています。経緯はインシデントをご覧ください)
</#list>

インシデント: ${incident.id} - ${incident.title}
重要度:       ${level.label}
攻撃元:       ${attackers}
攻撃対象:     ${targets}

遮断中は、これらのアドレスと貴社ネットワークとの通信は拒否されます。業務に必要な通信が
止まった場合は、参照番号をお伝えのうえ SOC までお電話ください。直ちに解除いたします。

--
Yagura SOC - 通知 ${notice.id} (${notice.created} 作成)
このメールは自動送信されています。
