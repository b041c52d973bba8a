import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

/**
 * The fonts of every PDF Pipewright makes (invoices, documents): DejaVu Sans (npm `dejavu-fonts-ttf`:
 * Latin, Greek and Cyrillic scripts, å ä ö among them), embedded and subset so any reader shows the
 * same text. Registered as 'regular', 'bold', 'italic' and 'bold-italic'.
 */
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  italic: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
  'bold-italic': require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf'),
} as const;

export type PdfFont = keyof typeof FONTS;

export function registerPdfFonts(doc: InstanceType<typeof PDFDocument>): void {
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
}

/** The bytes a pdfkit document writes, once it is ended. */
export function pdfBytes(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
