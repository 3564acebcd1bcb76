import PDFDocument from 'pdfkit';
import type { ReportBlock, ReportDocument } from './report-document.ts';

const MARGIN = 56;
const BODY = 10;
const SMALL = 8.5;

// The built-in fonts encode WinAnsi only: other characters become '?', never broken glyphs or a crash.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
export function pdfText(text: string): string {
  let out = '';
  for (const c of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    const code = c.codePointAt(0)!;
    if (c === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) out += c;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else out += WIN_ANSI_EXTRA.includes(c) ? c : '?';
  }
  return out;
}

type Doc = PDFKit.PDFDocument;

const usableWidth = (doc: Doc) => doc.page.width - MARGIN * 2;
const bottom = (doc: Doc) => doc.page.height - MARGIN;

function ensureRoom(doc: Doc, height: number, onNewPage?: () => void): void {
  if (doc.y + height <= bottom(doc)) return;
  doc.addPage();
  onNewPage?.();
}

function tableRow(doc: Doc, cells: string[], widths: number[], bold: boolean, onNewPage?: () => void): void {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(SMALL);
  const pad = 3;
  const heights = cells.map((c, i) => doc.heightOfString(pdfText(c), { width: widths[i]! - pad * 2 }));
  const height = Math.max(...heights, SMALL) + pad * 2;
  const page = bottom(doc) - MARGIN - 20;
  if (height > page) {
    // A cell longer than a page cannot sit in a row: print the row as flowing text instead.
    ensureRoom(doc, SMALL * 3);
    cells.forEach((c) => doc.text(pdfText(c), MARGIN, doc.y, { width: usableWidth(doc) }));
    doc.moveDown(0.5);
    return;
  }
  ensureRoom(doc, height, onNewPage);
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(SMALL);
  const top = doc.y;
  let x = MARGIN;
  cells.forEach((c, i) => {
    const w = widths[i]!;
    if (bold) doc.rect(x, top, w, height).fillAndStroke('#f0f0f0', '#cccccc').fillColor('#000');
    else doc.rect(x, top, w, height).stroke('#cccccc');
    doc.text(pdfText(c), x + pad, top + pad, { width: w - pad * 2 });
    x += w;
  });
  doc.x = MARGIN;
  doc.y = top + height;
}

function table(doc: Doc, columns: string[], rows: string[][], weights?: number[]): void {
  const total = usableWidth(doc);
  const w = weights ?? columns.map(() => 1);
  const sum = w.reduce((a, b) => a + b, 0);
  const widths = w.map((x) => (x / sum) * total);
  // The header row is repeated on each page the table continues on.
  const header = columns.length ? () => tableRow(doc, columns, widths, true) : undefined;
  header?.();
  for (const row of rows) tableRow(doc, row, widths, false, header);
  doc.moveDown(0.8);
}

function block(doc: Doc, b: ReportBlock): void {
  doc.x = MARGIN;
  switch (b.kind) {
    case 'heading':
      ensureRoom(doc, 60);
      doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).text(pdfText(b.text));
      doc.moveDown(0.3);
      return;
    case 'subheading':
      ensureRoom(doc, 40);
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(pdfText(b.text));
      doc.moveDown(0.2);
      return;
    case 'paragraph':
      doc
        .font('Helvetica')
        .fontSize(BODY)
        .text(pdfText(b.text), { width: usableWidth(doc) });
      doc.moveDown(0.6);
      return;
    case 'list':
      doc.font('Helvetica').fontSize(BODY);
      for (const item of b.items) doc.text(`•  ${pdfText(item)}`, { width: usableWidth(doc), indent: 0 });
      doc.moveDown(0.6);
      return;
    case 'facts':
      table(doc, [], b.rows, [1, 2.6]);
      return;
    case 'table':
      table(doc, b.columns, b.rows, b.widths);
      return;
  }
}

/** Marks every page top and bottom with the TLP, and numbers the pages (FIRST TLP 2.0: marking on each page). */
function markPages(doc: Doc, marking: string, title: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the margin must not make pdfkit break to a new page.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - MARGIN * 2;
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#000');
    doc.text(marking, MARGIN, 22, { width, align: 'right', lineBreak: false });
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(pdfText(title), MARGIN, 22, { width: width - 120, lineBreak: false });
    doc.font('Helvetica-Bold').fontSize(9);
    doc.text(marking, MARGIN, doc.page.height - 34, { width, align: 'left', lineBreak: false });
    doc.font('Helvetica').fontSize(8);
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - 34, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = saved;
  }
}

/** The report as a PDF built with the standard fonts (nothing embedded or fetched). */
export function renderPdf(report: ReportDocument, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: pdfText(`${report.marking} ${report.title}`),
      Creator: 'Firebreak',
      CreationDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(pdfText(report.title));
  doc.font('Helvetica').fontSize(BODY).fillColor('#555').text(pdfText(report.subtitle)).fillColor('#000');
  doc.moveDown(0.8);
  for (const b of report.blocks) block(doc, b);
  markPages(doc, report.marking, report.title);
  doc.end();
  return done;
}
