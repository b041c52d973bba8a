import type { z } from 'zod';
import { rfc3339 } from '../../http/formats.ts';
import type { Document, DocumentShare, DocumentTemplate } from './schema.ts';
import type { FullDocument } from './service.ts';
import type { ShareRow, TemplateRow } from './tables.ts';

const time = (d: Date) => rfc3339(d) as string;

export const presentTemplate = (t: TemplateRow): z.input<typeof DocumentTemplate> => ({
  id: t.id,
  name: t.name,
  body: t.body,
  user_id: t.userId,
  add_time: time(t.addTime),
  update_time: time(t.updateTime),
});

function presentShare(s: ShareRow, url: string | null, now: Date): z.input<typeof DocumentShare> {
  return {
    id: s.id,
    expires_at: time(s.expiresAt),
    revoked_at: rfc3339(s.revokedAt),
    active: s.revokedAt === null && s.expiresAt > now,
    add_time: time(s.addTime),
    url,
  };
}

export function presentDocument(f: FullDocument): z.input<typeof Document> {
  const d = f.doc;
  const now = new Date();
  return {
    id: d.id,
    deal_id: d.dealId,
    template_id: d.templateId,
    title: d.title,
    user_id: d.userId,
    version: d.version,
    body: f.body,
    file_id: d.fileId,
    view_count: f.views.count,
    last_view_time: rfc3339(f.views.last),
    accepted:
      d.acceptedTime && d.acceptedName
        ? {
            name: d.acceptedName,
            time: time(d.acceptedTime),
            ip: d.acceptedIp ?? '',
            user_agent: d.acceptedUserAgent,
            version: d.acceptedVersion ?? d.version,
          }
        : null,
    shares: f.shares.map((s) => presentShare(s, f.newShare?.id === s.id ? f.newShare.url : null, now)),
    add_time: time(d.addTime),
    update_time: time(d.updateTime),
  };
}
