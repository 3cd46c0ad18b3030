<#-- 日本語の月次レポートの冒頭の段落。使える名前: docs/reports.md -->
${month} に Yagura SOC は ${customer.name} 様について ${incidents} 件のインシデントを起票しました (緊急 ${emergency} 件、重要 ${critical} 件)。<#if breaches == 0>期限付きの通知はすべて期限内に行いました。<#else>期限を過ぎた通知が ${breaches} 件ありました (通知SLAを参照)。</#if>お客様の機器に ${blocks} 件の遮断を実施しました。
