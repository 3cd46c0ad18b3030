/**
 * Monthly PDF reports: {@link io.yagura.report.FactsCollector} counts a customer's month from the
 * stores, {@link io.yagura.report.ReportPdf} draws it with PDFBox (charts by JFreeChart),
 * {@link io.yagura.report.ReportMaker} makes, stores and mails them. Private to this bundle.
 */
package io.yagura.report;
