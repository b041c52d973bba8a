import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, logIn, openPage } from './browser.ts';

/** A 2×2 PNG. */
const PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mP8z8BQz0AEYBxVSF+FAP5FDvcfRYWgAAAAAElFTkSuQmCC';

describeBrowser('web app in Chromium: files on a deal', () => {
  afterAll(closeBrowser);

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`a file dropped on the deal's drop zone is uploaded, previewed, renamed and deleted (${viewport.width}px)`, async () => {
      const { base } = await realServer();
      const t = await newTenant();
      const deal = (await t.post('/api/v2/deals', { title: 'Drop deal' })).body.data as { id: number };

      const p = await openPage(base, viewport);
      const { page } = p;
      await logIn(page, t.email, t.password);
      await page.goto(`/deals/${deal.id}`);
      const section = page.getByRole('region', { name: 'Files' });
      await section.getByText('No files yet').waitFor();
      const zone = page.getByTestId('files-dropzone');
      await zone.scrollIntoViewIfNeeded();
      await p.shot('files-empty');

      // a real drag and drop: the file travels in a DataTransfer through dragenter, dragover and drop
      const dataTransfer = await page.evaluateHandle((b64) => {
        // in the page: the browser's DataTransfer (the test's own types are Node's)
        type Dt = { items: { add(file: File): void } };
        const dt: Dt = new (globalThis as unknown as { DataTransfer: new () => Dt }).DataTransfer();
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], 'Ritning ö.png', { type: 'image/png' }));
        return dt;
      }, PNG_B64);
      for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer });

      const link = section.getByRole('link', { name: 'Ritning ö.png' });
      await link.waitFor();
      await p.shot('files-uploaded');
      const stored = (await t.get(`/api/v1/deals/${deal.id}/files`)).body.data as {
        id: number;
        name: string;
      }[];
      expect(stored.map((f) => f.name)).toEqual(['Ritning ö.png']);
      const bytes = await page.request.get(`/api/v1/files/${stored[0]!.id}/download`);
      expect(Buffer.compare(await bytes.body(), Buffer.from(PNG_B64, 'base64'))).toBe(0);

      await section.getByRole('button', { name: 'Preview Ritning ö.png' }).click();
      const preview = page.getByRole('dialog', { name: 'Ritning ö.png' });
      await preview.getByRole('img', { name: 'Ritning ö.png' }).waitFor();
      const img = preview.getByRole('img', { name: 'Ritning ö.png' });
      // the bytes came back through the inline download and decoded as the 2×2 image
      await expect
        .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth), {
          timeout: 10_000,
        })
        .toBe(2);
      await p.shot('files-preview');
      await page.keyboard.press('Escape');
      await preview.waitFor({ state: 'hidden' });

      await section.getByRole('button', { name: 'Rename Ritning ö.png' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rename file' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill('Plan.png');
      await p.shot('files-rename');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await section.getByRole('link', { name: 'Plan.png' }).waitFor();

      await section.getByRole('button', { name: 'Delete Plan.png' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete file' });
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await section.getByText('No files yet').waitFor();
      expect((await t.get(`/api/v1/deals/${deal.id}/files`)).body.data).toEqual([]);
      expect(p.errors).toEqual([]);
      await p.close();
    });
  }
});
