import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import FormDataStream from 'form-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialClient } from './server.ts';

/** Bytes of every value 0..255, several times over: a test that any byte survives the round trip. */
const BYTES = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(Array.from({ length: 256 * 64 }, (_, i) => i % 256)),
]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pw-compat-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('official pipedrive client: files', () => {
  it('uploads a real file, lists it on its deal, downloads it byte for byte, renames and deletes it', async () => {
    const { cfg1, cfg2, v1, v2 } = await officialClient();
    const deal = await new v2.DealsApi(cfg2).addDeal({ AddDealRequest: { title: 'Files deal' } });
    const dealId = deal.data!.id!;
    const person = await new v2.PersonsApi(cfg2).addPerson({ AddPersonRequest: { name: 'Fia File' } });
    const personId = person.data!.id!;
    const api = new v1.FilesApi(cfg1);

    // a ReadStream: the client takes one with form-data's FormData as its formDataCtor (Node's own
    // FormData takes only Blobs), and streams it
    const file = path.join(dir, 'Offert ÅÄÖ.pdf');
    await writeFile(file, BYTES);
    const streaming = new v1.Configuration({
      apiKey: cfg1.apiKey as string,
      basePath: cfg1.basePath as string,
      formDataCtor: FormDataStream,
    });
    const added = await new v1.FilesApi(streaming).addFile({
      file: createReadStream(file) as unknown as File,
      deal_id: dealId,
    });
    expect(added.success).toBe(true);
    const id = added.data!.id!;
    expect(added.data).toMatchObject({
      deal_id: dealId,
      deal_name: 'Files deal',
      file_name: 'Offert ÅÄÖ.pdf',
      name: 'Offert ÅÄÖ.pdf',
      file_size: BYTES.length,
      active_flag: true,
    });
    // and a Blob with a name, linked to a person
    const second = await api.addFile({
      file: new File([Buffer.from('hello')], 'hello.txt', { type: 'text/plain' }),
      person_id: personId,
    });
    expect(second.data).toMatchObject({ person_id: personId, person_name: 'Fia File', file_size: 5 });

    const got = await api.getFile({ id });
    expect(got.data?.url).toBe(`/api/v1/files/${id}/download`);
    const list = await api.getFiles({ start: 0, limit: 10, sort: 'id DESC' });
    expect(list.data?.map((f) => f.id)).toEqual([second.data!.id, id]);
    expect(list.additional_data?.pagination?.more_items_in_collection).toBe(false);
    const onDeal = await new v1.DealsApi(cfg1).getDealFiles({ id: dealId, limit: 50, sort: 'update_time' });
    expect(onDeal.data?.map((f) => f.id)).toEqual([id]);
    const onPerson = await new v1.PersonsApi(cfg1).getPersonFiles({ id: personId });
    expect(onPerson.data?.map((f) => f.id)).toEqual([second.data!.id]);

    const downloaded = (await api.downloadFile({ id })) as unknown as ArrayBuffer;
    expect(Buffer.compare(Buffer.from(downloaded), BYTES)).toBe(0);

    const updated = await api.updateFile({ id, name: 'Signed offer.pdf', description: 'Signed 3 Dec' });
    expect(updated.data).toMatchObject({ name: 'Signed offer.pdf', description: 'Signed 3 Dec' });

    const linked = await api.linkFileToItem({
      item_type: 'deal',
      item_id: dealId,
      remote_id: 'drive-file-1',
      remote_location: 'googledrive',
    });
    expect(linked.success).toBe(true);
    const remote = await api.addFileAndLinkIt({
      file_type: 'gdoc',
      title: 'Proposal',
      item_type: 'person',
      item_id: personId,
      remote_location: 'googledrive',
    });
    expect(remote.success).toBe(true);

    const deleted = await api.deleteFile({ id });
    expect(deleted).toMatchObject({ success: true, data: { id } });
    await expect(api.getFile({ id })).rejects.toMatchObject({ success: false, errorCode: 404 });
  });
});
