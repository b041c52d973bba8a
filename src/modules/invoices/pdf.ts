import PDFDocument from 'pdfkit';
import { pdfBytes, registerPdfFonts } from '../pdf-fonts.ts';
import type { FullInvoice } from './present.ts';
import type { InvoiceLanguage } from './tables.ts';

/**
 * The invoice as a PDF, made with pdfkit and DejaVu Sans (pdf-fonts.ts). Texts are in the seller's
 * invoice language; amounts and dates are formatted for it.
 */

const TEXTS = {
  en: {
    invoice: 'Invoice',
    credit_note: 'Credit note',
    draft: 'DRAFT — not issued',
    void: 'VOID',
    number: 'Number',
    issueDate: 'Issue date',
    dueDate: 'Due date',
    currency: 'Currency',
    seller: 'From',
    buyer: 'Bill to',
    attn: 'Attn.',
    orgNumber: 'Org. no.',
    vatNumber: 'VAT no.',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    taxRate: 'Tax %',
    net: 'Net',
    tax: 'Tax',
    total: 'Total',
    totalDue: 'Total due',
    credits: 'Credits invoice',
    payment: 'Payment details',
    note: 'Note',
  },
  sv: {
    invoice: 'Faktura',
    credit_note: 'Kreditfaktura',
    draft: 'UTKAST — ej utfärdad',
    void: 'MAKULERAD',
    number: 'Fakturanummer',
    issueDate: 'Fakturadatum',
    dueDate: 'Förfallodatum',
    currency: 'Valuta',
    seller: 'Från',
    buyer: 'Faktureras till',
    attn: 'Att.',
    orgNumber: 'Org.nr',
    vatNumber: 'Momsreg.nr',
    description: 'Beskrivning',
    quantity: 'Antal',
    unitPrice: 'À-pris',
    taxRate: 'Moms %',
    net: 'Netto',
    tax: 'Moms',
    total: 'Summa',
    totalDue: 'Att betala',
    credits: 'Krediterar faktura',
    payment: 'Betalningsuppgifter',
    note: 'Meddelande',
  },
} as const satisfies Record<InvoiceLanguage, Record<string, string>>;

const LOCALE: Record<InvoiceLanguage, string> = { en: 'en-GB', sv: 'sv-SE' };

export async function renderInvoicePdf({ invoice: inv, lines }: FullInvoice): Promise<Buffer> {
  const lang: InvoiceLanguage = inv.seller.language ?? 'en';
  const t = TEXTS[lang];
  const locale = LOCALE[lang];
  const money = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const qty = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const m = (v: string) => money.format(Number(v));
  const date = (ymd: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${ymd}T00:00:00Z`),
    );

  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `${t[inv.kind]} ${inv.numberText ?? ''}`.trim(),
      Author: inv.seller.name,
      CreationDate: inv.sentTime ?? inv.addTime,
    },
  });
  const done = pdfBytes(doc);
  registerPdfFonts(doc);

  const left = 50;
  const width = doc.page.width - 100;
  const right = left + width;

  // heading
  doc.font('bold').fontSize(22).text(t[inv.kind], left, 50);
  if (inv.status === 'draft' || inv.status === 'void') {
    doc
      .font('bold')
      .fontSize(12)
      .fillColor('#b00020')
      .text(inv.status === 'draft' ? t.draft : t.void);
    doc.fillColor('black');
  }

  // the invoice's facts, right
  const facts: [string, string][] = [
    [t.number, inv.numberText ?? '—'],
    [t.issueDate, date(inv.issueDate)],
    [t.dueDate, date(inv.dueDate)],
    [t.currency, inv.currency],
  ];
  let y = 50;
  for (const [label, value] of facts) {
    doc
      .font('regular')
      .fontSize(9)
      .text(label, right - 220, y, { width: 100 });
    doc
      .font('bold')
      .fontSize(9)
      .text(value, right - 120, y, { width: 120, align: 'right' });
    y += 14;
  }

  // seller and buyer
  const partiesTop = 130;
  const block = (x: number, heading: string, rows: string[]) => {
    doc
      .font('bold')
      .fontSize(9)
      .text(heading, x, partiesTop, { width: width / 2 - 10 });
    doc.font('regular').fontSize(10);
    for (const r of rows.filter((r) => r.trim() !== '')) doc.text(r, { width: width / 2 - 10 });
    return doc.y;
  };
  const s = inv.seller;
  const b = inv.buyer;
  const sellerEnd = block(left, t.seller, [
    s.name,
    s.address,
    s.org_number ? `${t.orgNumber} ${s.org_number}` : '',
    s.vat_number ? `${t.vatNumber} ${s.vat_number}` : '',
    s.email,
  ]);
  const buyerEnd = block(left + width / 2, t.buyer, [
    b.name,
    b.person_name ? `${t.attn} ${b.person_name}` : '',
    b.address,
    b.email,
  ]);

  // lines
  const cols = [
    { key: 'description', label: t.description, w: 0.34, align: 'left' },
    { key: 'quantity', label: t.quantity, w: 0.08, align: 'right' },
    { key: 'unit', label: t.unitPrice, w: 0.13, align: 'right' },
    { key: 'rate', label: t.taxRate, w: 0.09, align: 'right' },
    { key: 'net', label: t.net, w: 0.12, align: 'right' },
    { key: 'tax', label: t.tax, w: 0.11, align: 'right' },
    { key: 'total', label: t.total, w: 0.13, align: 'right' },
  ] as const;
  const row = (cells: Record<(typeof cols)[number]['key'], string>, font: 'regular' | 'bold') => {
    const top = doc.y;
    let x = left;
    let bottom = top;
    for (const c of cols) {
      const w = c.w * width;
      doc
        .font(font)
        .fontSize(9)
        .text(cells[c.key], x, top, { width: w - 4, align: c.align });
      bottom = Math.max(bottom, doc.y);
      x += w;
    }
    doc.y = bottom + 4;
    doc.x = left;
  };
  doc.y = Math.max(sellerEnd, buyerEnd) + 25;
  row(
    {
      description: t.description,
      quantity: t.quantity,
      unit: t.unitPrice,
      rate: t.taxRate,
      net: t.net,
      tax: t.tax,
      total: t.total,
    },
    'bold',
  );
  doc.moveTo(left, doc.y).lineTo(right, doc.y).strokeColor('#888').stroke();
  doc.y += 4;
  for (const l of lines) {
    if (doc.y > doc.page.height - 150) doc.addPage();
    const discount =
      Number(l.discount) !== 0
        ? ` (−${l.discountType === 'percentage' ? `${qty.format(Number(l.discount))} %` : m(l.discount)})`
        : '';
    row(
      {
        description: `${l.description}${discount}`,
        quantity: qty.format(Number(l.quantity)),
        unit: m(l.unitPrice),
        rate: l.taxMethod === 'none' ? '—' : qty.format(Number(l.tax)),
        net: m(l.net),
        tax: m(l.taxAmount),
        total: m(l.total),
      },
      'regular',
    );
  }
  doc.moveTo(left, doc.y).lineTo(right, doc.y).strokeColor('#888').stroke();
  doc.y += 8;

  // totals
  const totals: [string, string, 'regular' | 'bold'][] = [
    [t.net, m(inv.net), 'regular'],
    [t.tax, m(inv.taxAmount), 'regular'],
    [t.totalDue, `${m(inv.total)} ${inv.currency}`, 'bold'],
  ];
  for (const [label, value, font] of totals) {
    const top = doc.y;
    doc
      .font(font)
      .fontSize(10)
      .text(label, right - 250, top, { width: 120 });
    doc
      .font(font)
      .fontSize(10)
      .text(value, right - 130, top, { width: 130, align: 'right' });
    doc.y = top + 16;
  }
  doc.x = left;
  doc.y += 16;

  if (inv.kind === 'credit_note' && inv.note) {
    doc.font('regular').fontSize(10).text(`${t.credits} ${inv.note}`, left, doc.y, { width });
  } else if (inv.note) {
    doc.font('bold').fontSize(9).text(t.note, left, doc.y, { width });
    doc.font('regular').fontSize(10).text(inv.note, { width });
  }
  if (s.bank_details) {
    doc.moveDown();
    doc.font('bold').fontSize(9).text(t.payment, left, doc.y, { width });
    doc.font('regular').fontSize(10).text(s.bank_details, { width });
  }
  doc.end();
  return done;
}
