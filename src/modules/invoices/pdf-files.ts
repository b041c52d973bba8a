import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx, isTx, type TxCtx } from '../context.ts';
import { AppError } from '../errors.ts';
import { addFile, deleteFile, keptFileBytes } from '../files/files.ts';
import type { FilesConfig } from '../files/upload.ts';
import { scoped } from '../scope.ts';
import { renderInvoicePdf } from './pdf.ts';
import type { FullInvoice, InvoiceRow } from './present.ts';
import { invoiceRow, loadInvoice, withLines } from './reads.ts';
import { invoicePdfs, invoices } from './tables.ts';

/* An invoice's PDF as a file of its deal: stored, replaced, served (and the old invoice_pdfs rows). */

/**
 * Stores an issued invoice's PDF once, after the transaction that issued it: rendering takes a few
 * hundred milliseconds, and inside that transaction it would hold the counter's lock (every other
 * issue of the company waiting). Until it is stored (a crash between the two), GET …/pdf renders the
 * same PDF from the invoice, which no longer changes, and POST …/pdf stores it.
 */
export async function withPdf(ctx: Ctx, full: FullInvoice, files: FilesConfig): Promise<FullInvoice> {
  if (full.invoice.status !== 'sent' || isTx(ctx)) return full;
  return storePdf(ctx, full, files);
}

/** `F-12.pdf`, or `draft-7.pdf` before it has a number. */
const pdfName = (invoice: InvoiceRow) =>
  `${(invoice.numberText ?? `draft-${invoice.id}`).replace(/[^A-Za-z0-9\-._]/g, '_')}.pdf`;

/** A file an invoice no longer keeps as its PDF: deleted from the deal's files (unless already). */
export async function dropPdfFile(ctx: TxCtx, fileId: number): Promise<void> {
  await deleteFile(ctx, fileId).catch((e: unknown) => {
    if (!(e instanceof AppError && e.code === 'not_found')) throw e;
  });
}

/**
 * Renders the invoice's PDF and stores it through the files module as a file of its deal (so it is in
 * the deal's files and timeline), the invoice keeping its id (`file_id`, with an audit event). A
 * draft's earlier PDF file is deleted: the new one replaces it. An issued invoice's PDF is stored
 * once: when another request stored it first, or the invoice changed status while this one rendered,
 * the bytes are dropped and the invoice is answered as it is.
 */
async function storePdf(ctx: Ctx, full: FullInvoice, files: FilesConfig): Promise<FullInvoice> {
  const legacy = full.invoice.status === 'draft' ? null : await legacyPdf(ctx, full.invoice.id);
  const pdf = legacy ?? (await renderInvoicePdf(full));
  const stored = await files.storage.put(Readable.from([pdf]));
  let kept = false;
  try {
    const after = await inTx(ctx, async (ctx) => {
      const before = await invoiceRow(ctx, full.invoice.id, true);
      const stale =
        before.status !== full.invoice.status || (before.status !== 'draft' && before.fileId !== null);
      if (stale) return before;
      const file = await addFile(ctx, {
        links: { deal_id: before.dealId },
        fileName: pdfName(before),
        mime: 'application/pdf',
        stored,
      });
      if (before.fileId !== null) await dropPdfFile(ctx, before.fileId);
      const [row] = await ctx.db
        .update(invoices)
        .set({ fileId: file.id, updateTime: new Date() })
        .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, before.id)))
        .returning();
      await recordEvent(ctx, {
        itemType: 'invoice',
        itemId: before.id,
        action: 'change',
        changes: [{ field_key: 'file_id', old_value: before.fileId, new_value: file.id }],
      });
      kept = true;
      return row ?? before;
    });
    const [out] = await withLines(ctx, [after]);
    return out ?? full;
  } finally {
    if (!kept) await files.storage.delete(stored.key).catch(() => {});
  }
}

/**
 * POST /api/ext/invoices/{id}/pdf: stores the invoice's PDF as a file of the deal. A draft's is made
 * anew each time (replacing the file of the last one); an issued invoice's is the one made when it
 * was issued, stored now only if it was not (issued before PDFs were files, or a crash in between).
 */
export async function makeInvoicePdf(ctx: Ctx, id: number, files: FilesConfig): Promise<FullInvoice> {
  const full = await loadInvoice(ctx, id);
  if (full.invoice.status !== 'draft' && full.invoice.fileId !== null) return full;
  return storePdf(ctx, full, files);
}

/** A PDF stored in `invoice_pdfs` by the versions before PDFs were files of the deal. */
async function legacyPdf(ctx: Ctx, id: number): Promise<Buffer | null> {
  const [row] = await ctx.db
    .select({ pdf: invoicePdfs.pdf })
    .from(invoicePdfs)
    .where(and(scoped(ctx, invoicePdfs), eq(invoicePdfs.invoiceId, id)));
  return row?.pdf ?? null;
}

/**
 * GET /api/ext/invoices/{id}/pdf: the PDF stored as a file of the deal (`file_id`; read even when the
 * file was deleted from the deal, until it is purged); else, for an invoice issued before PDFs were
 * files, the one in `invoice_pdfs`; else it is made now (a draft's as a preview marked as a draft,
 * not stored; an issued one from the invoice, which no longer changes).
 */
export async function invoicePdf(
  ctx: Ctx,
  id: number,
  files: FilesConfig,
): Promise<{ pdf: Buffer | Readable; filename: string }> {
  const full = await loadInvoice(ctx, id);
  const filename = pdfName(full.invoice);
  const kept =
    full.invoice.fileId === null ? null : await keptFileBytes(ctx, full.invoice.fileId, files.storage);
  if (kept) return { pdf: kept, filename };
  const legacy = full.invoice.status === 'draft' ? null : await legacyPdf(ctx, id);
  return { pdf: legacy ?? (await renderInvoicePdf(full)), filename };
}
