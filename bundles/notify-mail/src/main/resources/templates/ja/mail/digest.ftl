<#-- 日次ダイジェスト (日本語)。各インシデントは digest-item.ftl で digest.items に展開されます。 -->
Subject: [Yagura][日次報告] ${customer.name} ${digest.date}: ${digest.count} 件

${customer.name} ご担当者様

${digest.date} に検知した、即時通知の対象外のインシデントをお知らせします
(${digest.summary})。

${digest.items}

詳細は Yagura ポータルでご確認いただけます。

--
Yagura SOC - 通知 ${notice.id} (${notice.created} 作成)
このメールは自動送信されています。
