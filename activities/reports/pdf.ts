import PDFDocument from 'pdfkit';
import path from 'node:path';
import type { ReportBlock, ReportDocument } from './document';

/**
 * DejaVu Sans from the `dejavu-fonts-ttf` package (Bitstream Vera licence, free to embed): covers
 * Danish, German, French and every other EEA language's letters, so no system font is needed.
 * pdfkit embeds a subset with a ToUnicode map, so the text stays searchable and extractable.
 */
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const fonts = { regular: path.join(fontDir, 'DejaVuSans.ttf'), bold: path.join(fontDir, 'DejaVuSans-Bold.ttf') };

const margin = 56;
const colour = { text: '#111111', muted: '#555555', rule: '#999999', head: '#eeeeee' };

/** Draws a report as an A4 PDF (unsigned). Deterministic for the same document. */
export function renderReportPdf(report: ReportDocument): Promise<Buffer> {
  const generatedAt = new Date(report.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    bufferPages: true,
    lang: report.language,
    displayTitle: true,
    info: { Title: report.title, Producer: 'Liaison', Creator: 'Liaison', CreationDate: generatedAt, ModDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const width = doc.page.width - 2 * margin;
  const { labels } = report;

  doc.font('bold').fontSize(16).fillColor(colour.text).text(report.title, { width });
  doc.moveDown(0.4);
  doc.font('regular').fontSize(9).fillColor(colour.muted);
  doc.text(`${labels.caseNumber}: ${report.caseNumber}    ${labels.generatedAt}: ${report.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC')}    ${labels.language}: ${report.language}`, { width });
  doc.moveDown(0.6);
  rule(doc, width);

  for (const section of report.sections) {
    ensureSpace(doc, 60);
    doc.moveDown(0.6);
    doc.font('bold').fontSize(12).fillColor(colour.text).text(section.heading, margin, doc.y, { width });
    doc.moveDown(0.3);
    if (section.blocks.length === 0) emptyNote(doc, labels.noEntries, width);
    for (const block of section.blocks) renderBlock(doc, block, report, width);
  }

  if (report.disclaimer) {
    ensureSpace(doc, 80);
    doc.moveDown(1);
    rule(doc, width);
    doc.moveDown(0.4);
    doc.font('regular').fontSize(9).fillColor(colour.muted).text(report.disclaimer, margin, doc.y, { width, align: 'justify' });
  }
  if (report.consent) {
    ensureSpace(doc, 60 + report.consent.signatureFields.length * 36);
    doc.moveDown(1);
    doc.font('bold').fontSize(10).fillColor(colour.text).text(report.consent.statement, margin, doc.y, { width });
    doc.moveDown(1);
    for (const field of report.consent.signatureFields) {
      doc.moveDown(1.2);
      const y = doc.y;
      doc.font('regular').fontSize(10).text(`${field}:`, margin, y, { width: 120 });
      doc.moveTo(margin + 125, y + 11).lineTo(margin + width, y + 11).strokeColor(colour.rule).lineWidth(0.5).stroke();
      doc.y = y + 14;
    }
  }

  // Page numbers last, when the page count is known; the bottom margin is lifted so writing there
  // does not open a new page.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor(colour.muted);
    doc.text(`${report.caseNumber} · ${labels.page} ${i + 1} ${labels.of} ${range.count}`, margin, doc.page.height - margin / 2 - 4, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function renderBlock(doc: PDFKit.PDFDocument, block: ReportBlock, report: ReportDocument, width: number) {
  const { labels } = report;
  switch (block.type) {
    case 'facts': {
      if (block.facts.length === 0) return emptyNote(doc, labels.noEntries, width);
      const labelWidth = Math.min(170, width * 0.35);
      for (const fact of block.facts) {
        doc.font('regular').fontSize(10);
        const height = Math.max(doc.heightOfString(fact.label, { width: labelWidth - 8 }), doc.heightOfString(fact.value || '—', { width: width - labelWidth }));
        ensureSpace(doc, height + 4);
        const y = doc.y;
        doc.font('bold').fillColor(colour.muted).text(fact.label, margin, y, { width: labelWidth - 8 });
        doc.font('regular').fillColor(colour.text).text(fact.value || '—', margin + labelWidth, y, { width: width - labelWidth });
        doc.y = y + height + 4;
      }
      return;
    }
    case 'questions': {
      if (block.rows.length === 0) return emptyNote(doc, labels.noEntries, width);
      const half = width / 2;
      const pad = 4;
      const row = (left: string, right: string, font: 'regular' | 'bold', fill?: string) => {
        doc.font(font).fontSize(10);
        const height = Math.max(doc.heightOfString(left, { width: half - 2 * pad }), doc.heightOfString(right, { width: half - 2 * pad })) + 2 * pad;
        const usable = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
        if (height > usable) {
          // A cell longer than a page: flow it as text instead of a table row.
          doc.font('bold').text(left, margin, doc.y, { width });
          doc.font('regular').text(right, margin, doc.y, { width });
          doc.moveDown(0.5);
          return;
        }
        ensureSpace(doc, height);
        const y = doc.y;
        if (fill) doc.rect(margin, y, width, height).fill(fill);
        doc.rect(margin, y, half, height).rect(margin + half, y, half, height).strokeColor(colour.rule).lineWidth(0.5).stroke();
        doc.fillColor(colour.text).font(font).text(left, margin + pad, y + pad, { width: half - 2 * pad });
        doc.text(right, margin + half + pad, y + pad, { width: half - 2 * pad });
        doc.y = y + height;
      };
      row(labels.question, labels.answer, 'bold', colour.head);
      for (const r of block.rows) row(r.question, r.answer || '—', 'regular');
      doc.moveDown(0.5);
      return;
    }
    case 'messages': {
      if (block.messages.length === 0) return emptyNote(doc, labels.noEntries, width);
      for (const message of block.messages) {
        ensureSpace(doc, 40);
        doc.font('bold').fontSize(9).fillColor(colour.muted).text(`${message.at.replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC')} — ${message.from}`, margin, doc.y, { width });
        doc.font('regular').fontSize(10).fillColor(colour.text).text(message.text, margin, doc.y, { width });
        doc.moveDown(0.5);
      }
      return;
    }
    case 'attachments': {
      if (block.attachments.length === 0) return emptyNote(doc, labels.noEntries, width);
      doc.font('regular').fontSize(10).fillColor(colour.text);
      for (const a of block.attachments) {
        ensureSpace(doc, 16);
        doc.text(`•  ${a.name}${a.sizeBytes !== undefined ? ` (${formatSize(a.sizeBytes)})` : ''}`, margin, doc.y, { width });
      }
      doc.moveDown(0.5);
      return;
    }
    case 'text':
      doc.font('regular').fontSize(10).fillColor(colour.text).text(block.text, margin, doc.y, { width });
      doc.moveDown(0.5);
      return;
  }
}

function emptyNote(doc: PDFKit.PDFDocument, text: string, width: number) {
  doc.font('regular').fontSize(10).fillColor(colour.muted).text(text, margin, doc.y, { width });
  doc.moveDown(0.3);
}

function rule(doc: PDFKit.PDFDocument, width: number) {
  doc.moveTo(margin, doc.y).lineTo(margin + width, doc.y).strokeColor(colour.rule).lineWidth(0.5).stroke();
}

/** Starts a new page when fewer than `height` points are left on this one. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
