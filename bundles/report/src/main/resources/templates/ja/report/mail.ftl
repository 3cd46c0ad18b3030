<#-- 月次レポート (PDF 添付) を送るメール。使える名前: docs/reports.md -->
Subject: [Yagura] ${month} 月次セキュリティレポート (${customer.name} 様)

${customer.name} ご担当者様

${month} の Yagura SOC 月次セキュリティレポートを添付いたします
(${report.file}, ${report.language})。

インシデント: ${incidents} 件 (緊急 ${emergency} 件、重要 ${critical} 件)

ポータルからもダウンロードいただけます。

Yagura SOC
