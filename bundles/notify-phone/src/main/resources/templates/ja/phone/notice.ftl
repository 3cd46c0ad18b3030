<#-- 電話の通知 (日本語、かなのみ)。二度読み上げ、そのあと prompt。名前: docs/phone.md -->
こちらは、やぐら、せきゅりてぃ おぺれーしょん せんたー です。${customer}の、${level}の いんしでんとを おしらせします。
こうげきもとは、${attackers}。
たいしょうは、${targets}。
${action}
