import { Parser } from 'htmlparser2';
import PDFDocument from 'pdfkit';
import { type PdfFont, pdfBytes, registerPdfFonts } from '../pdf-fonts.ts';

/** A run of text with its style. */
interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  link: string | null;
}
type Block =
  | { kind: 'p' | 'h1' | 'h2' | 'h3'; runs: Run[] }
  | { kind: 'li'; runs: Run[]; marker: string; depth: number }
  | { kind: 'table'; rows: { header: boolean; cells: { runs: Run[]; span: number }[] }[] };

/**
 * The sanitised HTML of a document (template-html.ts) as blocks of styled runs: paragraphs,
 * headings, list items (numbered or bulleted, nested) and tables. Tags outside the subset cannot
 * reach here; their text would be kept as plain text.
 */
export function blocksOf(html: string): Block[] {
  const blocks: Block[] = [];
  let runs: Run[] | null = null;
  const style = { bold: 0, italic: 0, underline: 0 };
  const links: (string | null)[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let table: Extract<Block, { kind: 'table' }> | null = null;
  let inHead = false;
  let cell: { runs: Run[]; span: number } | null = null;

  const open = (kind: 'p' | 'h1' | 'h2' | 'h3') => {
    runs = [];
    blocks.push({ kind, runs });
  };
  const text = (t: string) => {
    if (cell) runs = cell.runs;
    if (!runs) {
      if (t.trim() === '') return;
      open('p');
    }
    const run: Run = {
      text: t.replace(/\s+/g, ' '),
      bold: style.bold > 0,
      italic: style.italic > 0,
      underline: style.underline > 0 || links.at(-1) != null,
      link: links.at(-1) ?? null,
    };
    // the parser cuts text at entities: a run continues while its style does (one text call in the PDF)
    const list = runs as Run[];
    const last = list.at(-1);
    if (
      last &&
      last.text !== '\n' &&
      run.text !== '\n' &&
      last.bold === run.bold &&
      last.italic === run.italic &&
      last.underline === run.underline &&
      last.link === run.link
    )
      last.text += run.text;
    else list.push(run);
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'p' || name === 'h1' || name === 'h2' || name === 'h3') {
          if (!cell) open(name);
        } else if (name === 'strong') style.bold++;
        else if (name === 'em') style.italic++;
        else if (name === 'u') style.underline++;
        else if (name === 'a') links.push(attrs.href ?? null);
        else if (name === 'br') text('\n');
        else if (name === 'ul' || name === 'ol') lists.push({ ordered: name === 'ol', n: 0 });
        else if (name === 'li') {
          const list = lists.at(-1) ?? { ordered: false, n: 0 };
          list.n++;
          runs = [];
          blocks.push({
            kind: 'li',
            runs,
            marker: list.ordered ? `${list.n}.` : '•',
            depth: Math.max(0, lists.length - 1),
          });
        } else if (name === 'table') {
          table = { kind: 'table', rows: [] };
          blocks.push(table);
          runs = null;
        } else if (name === 'thead') inHead = true;
        else if (name === 'tr' && table) table.rows.push({ header: inHead, cells: [] });
        else if ((name === 'td' || name === 'th') && table) {
          cell = { runs: [], span: Math.max(1, Math.min(12, Number(attrs.colspan) || 1)) };
          const row = table.rows.at(-1);
          if (row) {
            row.cells.push(cell);
            if (name === 'th') row.header = true;
          }
        }
      },
      ontext: text,
      onclosetag(name) {
        if (name === 'strong') style.bold--;
        else if (name === 'em') style.italic--;
        else if (name === 'u') style.underline--;
        else if (name === 'a') links.pop();
        else if (name === 'ul' || name === 'ol') lists.pop();
        else if (name === 'thead') inHead = false;
        else if (name === 'td' || name === 'th') {
          cell = null;
          runs = null;
        } else if (name === 'table') table = null;
        else if (['p', 'h1', 'h2', 'h3', 'li'].includes(name) && !cell) runs = null;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return blocks;
}

const fontOf = (r: { bold: boolean; italic: boolean }): PdfFont =>
  r.bold && r.italic ? 'bold-italic' : r.bold ? 'bold' : r.italic ? 'italic' : 'regular';

const SIZES = { h1: 20, h2: 16, h3: 13, p: 10.5, li: 10.5 } as const;

/** A document's newest version as an A4 PDF in DejaVu Sans (pdf-fonts.ts). */
export async function renderDocumentPdf(title: string, html: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Producer: 'Pipewright' } });
  const done = pdfBytes(doc);
  registerPdfFonts(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  const write = (runs: Run[], size: number, x: number, w: number, boldAll = false) => {
    const list = runs.filter((r) => r.text !== '');
    if (list.length === 0) {
      doc.font('regular').fontSize(size).text(' ', x, doc.y, { width: w });
      return;
    }
    list.forEach((r, i) => {
      const last = i === list.length - 1;
      doc
        .font(fontOf({ bold: r.bold || boldAll, italic: r.italic }))
        .fontSize(size)
        .text(r.text, i === 0 ? x : undefined, i === 0 ? doc.y : undefined, {
          width: w,
          continued: !last,
          underline: r.underline,
          ...(r.link ? { link: r.link } : {}),
        });
    });
  };

  for (const b of blocksOf(html)) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage();
    if (b.kind === 'table') {
      for (const row of b.rows) {
        const units = row.cells.reduce((s, c) => s + c.span, 0) || 1;
        const top = doc.y;
        let x = left;
        let bottom = top;
        for (const c of row.cells) {
          const w = (c.span / units) * width;
          doc.y = top;
          write(c.runs, 9, x + 2, w - 4, row.header);
          bottom = Math.max(bottom, doc.y);
          x += w;
        }
        doc.y = bottom + 3;
        doc
          .moveTo(left, doc.y)
          .lineTo(left + width, doc.y)
          .strokeColor('#bbbbbb')
          .lineWidth(0.5)
          .stroke();
        doc.y += 3;
        if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
      }
      doc.x = left;
      doc.moveDown(0.5);
    } else if (b.kind === 'li') {
      const indent = 14 + b.depth * 14;
      const top = doc.y;
      doc
        .font('regular')
        .fontSize(SIZES.li)
        .text(b.marker, left + indent - 12, top, { width: 12 });
      doc.y = top;
      write(b.runs, SIZES.li, left + indent + 4, width - indent - 4);
      doc.moveDown(0.2);
    } else {
      write(b.runs, SIZES[b.kind], left, width, b.kind !== 'p');
      doc.moveDown(b.kind === 'p' ? 0.6 : 0.4);
    }
    doc.x = left;
  }
  doc.end();
  return done;
}
