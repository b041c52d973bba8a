import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF's pages (pdf.js through unpdf), to check what an invoice's PDF says. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}
