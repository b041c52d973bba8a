import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { storable } from '../../http/fields.ts';
import { auditInsertFrom } from '../audit/service.ts';
import { looksLikeEmail } from '../contacts/schema.ts';
import { addOrganization, addPerson } from '../contacts/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { addDeal } from '../deals/service.ts';
import { findOrganizationCandidates } from '../duplicates/organizations.ts';
import { findPersonCandidates, needsRegion } from '../duplicates/persons.ts';
import { callerRegion } from '../duplicates/service.ts';
import { AppError } from '../errors.ts';
import { customFieldDefs } from '../fields/defs.ts';
import type { FieldDef } from '../fields/types.ts';
import { addLead } from '../leads/service.ts';
import type { LeadSource } from '../leads/sources.ts';
import { newItemNoticeFrom } from '../notifications/service.ts';
import { liveRows } from '../scope.ts';
import { getCompany } from '../users/company.ts';
import { CUSTOM_KEY } from './schema.ts';
import type { WebFormRow } from './service.ts';
import { webFormPublicIds, webFormSubmissions, webForms } from './tables.ts';
import { PAGE_TEXTS, type PageTexts } from './texts.ts';

export const WEB_FORMS_SOURCE: LeadSource = { sourceName: 'Web forms', origin: 'Web forms' };
/** The name of the field people leave empty and bots fill in. */
export const HONEYPOT = 'website_url';
export const FILL_TOKEN = '_t';
export const CONSENT = 'consent';
export const hiddenName = (name: string) => `hidden_${name}`;

export interface PublicForm extends WebFormRow {
  publicId: string;
}

const PUBLIC_ID = /^[\w-]{24}$/;

/** The live form behind a public id, whichever company it belongs to; null when there is none. */
export async function findPublicForm(db: Db, publicId: string): Promise<PublicForm | null> {
  if (!PUBLIC_ID.test(publicId)) return null;
  const [row] = await db
    .select({ form: webForms })
    .from(webFormPublicIds)
    .innerJoin(
      webForms,
      and(eq(webForms.companyId, webFormPublicIds.companyId), eq(webForms.id, webFormPublicIds.formId)),
    )
    .where(and(eq(webFormPublicIds.publicId, publicId), liveRows(webForms)));
  return row ? { ...row.form, publicId } : null;
}

/**
 * The ctx a submission acts in: the form's company, as the form's owner (what it creates is theirs),
 * seeing every contact of the company (the duplicate match must find a contact whoever owns it), and
 * recorded as the web form in every audit event.
 */
export function formCtx(db: Db, form: WebFormRow, userAgent: string | null): Ctx {
  return {
    db,
    companyId: form.companyId,
    user: { id: form.ownerId, isAdmin: true },
    actor: { type: 'web_form', userId: null, source: 'webform', userAgent: userAgent?.slice(0, 500) ?? null },
  };
}

/** Each input's name on the page, and the longest value it takes. */
const LIMITS: Record<string, number> = {
  'person.name': 255,
  'person.email': 254,
  'person.phone': 50,
  'organization.name': 255,
  'organization.address': 500,
  'lead.title': 255,
  'deal.title': 255,
  'lead.value': 20,
  'deal.value': 20,
};
const CUSTOM_LIMITS: Record<string, number> = { text: 5000, double: 20, date: 10, phone: 50 };
export const maxLengthOf = (mapsTo: string, def?: FieldDef) =>
  LIMITS[mapsTo] ?? CUSTOM_LIMITS[def?.fieldType ?? ''] ?? 255;
export const HIDDEN_MAX = 500;

export const PHONE = /^\+?[0-9 ()./-]{3,50}$/;
const AMOUNT = /^\d{1,13}([.,]\d{1,2})?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** control characters other than tab and line breaks */
const hasControl = (v: string) => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
};

export interface Parsed {
  /** answers by maps_to, trimmed; empty answers left out */
  values: Record<string, string>;
  hidden: Record<string, string>;
  consent: boolean;
  /** message per input name, in the form's language */
  errors: Record<string, string>;
}

const kindOf = (mapsTo: string, def?: FieldDef) =>
  mapsTo === 'person.email'
    ? 'email'
    : mapsTo === 'person.phone' || def?.fieldType === 'phone'
      ? 'phone'
      : mapsTo.endsWith('.value') || def?.fieldType === 'double'
        ? 'number'
        : def?.fieldType === 'date'
          ? 'date'
          : 'text';

/** Text from strangers: within `max`, storable, without markup characters; the message, or undefined. */
export function checkText(
  t: Pick<PageTexts, 'tooLong' | 'unstorable' | 'markup'>,
  v: string,
  max: number,
): string | undefined {
  if (v.length > max) return t.tooLong(max);
  if (!storable(v) || hasControl(v)) return t.unstorable;
  if (/[<>]/.test(v)) return t.markup;
  return undefined;
}

/**
 * Reads a posted body against the form: every answer a string (a repeated name is refused), within
 * its size, of its kind; required ones given; the consent ticked when the form asks for it. Hidden
 * fields take the builder's value unless the page carried one of the same size rule.
 */
export function parseSubmission(
  form: WebFormRow,
  defs: ReadonlyMap<string, FieldDef>,
  body: Readonly<Record<string, unknown>>,
): Parsed {
  const t = PAGE_TEXTS[form.settings.language];
  const out: Parsed = { values: {}, hidden: {}, consent: false, errors: {} };
  const one = (name: string): string | undefined | null => {
    const v = body[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      out.errors[name] = t.twice;
      return null;
    }
    return v;
  };
  for (const f of form.fields) {
    const def = defs.get(f.maps_to);
    const raw = one(f.maps_to);
    if (raw === null) continue;
    const v = (raw ?? '').trim();
    if (v === '') {
      if (f.required) out.errors[f.maps_to] = t.empty;
      continue;
    }
    const kind = kindOf(f.maps_to, def);
    const error =
      checkText(t, v, maxLengthOf(f.maps_to, def)) ??
      (kind === 'email' && !looksLikeEmail(v)
        ? t.email
        : kind === 'phone' && !PHONE.test(v)
          ? t.phone
          : kind === 'number' && !AMOUNT.test(v)
            ? t.number
            : kind === 'date' && !DATE.test(v)
              ? t.date
              : undefined);
    if (error) out.errors[f.maps_to] = error;
    else out.values[f.maps_to] = v;
  }
  for (const h of form.settings.hidden_fields) {
    const raw = one(hiddenName(h.name));
    if (raw === null) continue;
    const v = (raw ?? h.value).trim();
    const error = checkText(t, v, HIDDEN_MAX);
    if (error) out.errors[hiddenName(h.name)] = error;
    else if (v !== '') out.hidden[h.name] = v;
  }
  const consent = one(CONSENT);
  out.consent = consent === 'yes';
  if (form.settings.consent_text && !out.consent && consent !== null) out.errors[CONSENT] = t.consent;
  const v = out.values;
  const named = ['person.name', 'person.email', 'organization.name'].some((k) =>
    form.fields.some((f) => f.maps_to === k),
  );
  if (
    named &&
    !v['person.name'] &&
    !v['person.email'] &&
    !v['organization.name'] &&
    Object.keys(out.errors).length === 0
  ) {
    const first = form.fields.find((f) =>
      ['person.name', 'person.email', 'organization.name'].includes(f.maps_to),
    );
    out.errors[first?.maps_to ?? 'person.name'] = t.contact;
  }
  return out;
}

/** The custom fields a form fills, by key (read only when it fills any). */
export async function formFieldDefs(ctx: Ctx, form: WebFormRow): Promise<Map<string, FieldDef>> {
  const keys = [
    ...form.fields.map((f) => f.maps_to),
    ...form.settings.hidden_fields.flatMap((h) => (h.maps_to ? [h.maps_to] : [])),
  ].filter((k) => CUSTOM_KEY.test(k));
  if (keys.length === 0) return new Map();
  const defs = await customFieldDefs(ctx, 'deal');
  return new Map(defs.filter((d) => keys.includes(d.key)).map((d) => [d.key, d]));
}

export const hashAddress = (form: WebFormRow, ip: string) =>
  createHash('sha256').update(`${form.signingKey}|${ip}`).digest('base64url');

export interface SubmissionResult {
  submissionId: number;
  personId: number | null;
  organizationId: number | null;
  personReused: boolean;
  organizationReused: boolean;
  leadId: string | null;
  dealId: number | null;
}

const toNumber = (v: string) => Number(v.replace(',', '.'));

/**
 * Writes an accepted submission in one transaction: the organization and the person, each reused
 * when the duplicate matcher finds the same one (never a refusal because a contact exists), then the
 * lead (source "Web forms", origin id = the form) or the deal in the form's stage, the submission with
 * its consent, the submission's audit event and the notification of the form's owner.
 */
export async function recordSubmission(
  ctx: Ctx,
  form: PublicForm,
  parsed: Parsed,
  defs: ReadonlyMap<string, FieldDef>,
  meta: { ip: string; now?: Date },
): Promise<SubmissionResult> {
  const v = parsed.values;
  const now = meta.now ?? new Date();
  return inTx(ctx, async (ctx) => {
    const visible_to = (form.itemVisibleTo ?? undefined) as 1 | 3 | 5 | 7 | undefined;
    const org = v['organization.name'] ? await organizationOf(ctx, form, v, visible_to) : null;
    const person =
      v['person.name'] || v['person.email'] || v['person.phone']
        ? await personOf(ctx, form, v, org?.id ?? null, visible_to)
        : null;
    const custom: Record<string, string | number> = {};
    for (const [key, def] of defs) {
      let given = v[key];
      if (given === undefined) {
        const h = form.settings.hidden_fields.find((x) => x.maps_to === key);
        if (h) given = parsed.hidden[h.name];
      }
      if (given === undefined) continue;
      custom[key] = def.fieldType === 'double' ? toNumber(given) : given;
    }
    const contactName = person?.name ?? org?.name ?? 'Web form';
    let leadId: string | null = null;
    let dealId: number | null = null;
    if (form.target === 'lead') {
      const amount = v['lead.value'];
      const lead = await addLead(
        ctx,
        {
          title: v['lead.title'] ?? `${contactName} lead`,
          person_id: person?.id ?? null,
          organization_id: org?.id ?? null,
          owner_id: form.ownerId,
          label_ids: form.labelIds as string[],
          origin_id: String(form.id),
          ...(visible_to ? { visible_to } : {}),
          ...(amount
            ? { value: { amount: toNumber(amount), currency: (await getCompany(ctx)).defaultCurrency } }
            : {}),
          ...(Object.keys(custom).length ? { custom_fields: custom } : {}),
        },
        WEB_FORMS_SOURCE,
      );
      leadId = lead.id;
    } else {
      const amount = v['deal.value'];
      const deal = await addDeal(
        ctx,
        {
          title: v['deal.title'] ?? `${contactName} deal`,
          person_id: person?.id ?? null,
          org_id: org?.id ?? null,
          owner_id: form.ownerId,
          ...(form.stageId ? { stage_id: form.stageId } : {}),
          ...(form.pipelineId && !form.stageId ? { pipeline_id: form.pipelineId } : {}),
          label_ids: form.labelIds as number[],
          origin_id: String(form.id),
          ...(visible_to ? { visible_to } : {}),
          ...(amount ? { value: toNumber(amount) } : {}),
          ...(Object.keys(custom).length ? { custom_fields: custom } : {}),
        },
        WEB_FORMS_SOURCE.origin,
      );
      dealId = deal.id;
    }
    const consentGiven = Boolean(form.settings.consent_text && parsed.consent);
    // the submission, its event and the owner's notification in one statement
    const created = ctx.db.$with('new_submission').as(
      ctx.db
        .insert(webFormSubmissions)
        .values({
          companyId: ctx.companyId,
          formId: form.id,
          data: {
            ...v,
            ...Object.fromEntries(Object.entries(parsed.hidden).map(([k, x]) => [hiddenName(k), x])),
          },
          consentText: consentGiven ? form.settings.consent_text : null,
          consentTime: consentGiven ? now : null,
          ipHash: hashAddress(form, meta.ip),
          personId: person?.id ?? null,
          organizationId: org?.id ?? null,
          personReused: person?.reused ?? false,
          organizationReused: org?.reused ?? false,
          leadId,
          dealId,
          addTime: now,
        })
        .returning({ id: webFormSubmissions.id }),
    );
    const event = auditInsertFrom(ctx, 'new_submission_event', created, {
      itemType: 'web_form_submission',
      itemId: created.id,
      action: 'create',
      changes: [
        { field_key: 'form_id', old_value: null, new_value: form.id },
        { field_key: 'owner_id', old_value: null, new_value: form.ownerId },
        { field_key: leadId ? 'lead_id' : 'deal_id', old_value: null, new_value: leadId ?? dealId },
      ],
    });
    const notice = newItemNoticeFrom(ctx, 'new_submission_notice', {
      userId: form.ownerId,
      kind: 'web_form_submission',
      leadId,
      dealId,
      webFormId: form.id,
      subject: person?.name ?? org?.name ?? null,
    });
    const [row] = await ctx.db.with(created, event, notice).select().from(created);
    if (!row) throw new AppError('internal', 'submission not recorded');
    return {
      submissionId: row.id,
      personId: person?.id ?? null,
      organizationId: org?.id ?? null,
      personReused: person?.reused ?? false,
      organizationReused: org?.reused ?? false,
      leadId,
      dealId,
    };
  });
}

/** An organization of the same name at the same address (or one side without one), else a new one. */
export async function organizationOf(
  ctx: TxCtx,
  form: Pick<WebFormRow, 'ownerId'>,
  v: Record<string, string>,
  visible_to: 1 | 3 | 5 | 7 | undefined,
): Promise<{ id: number; name: string; reused: boolean }> {
  const name = v['organization.name'] as string;
  const address = v['organization.address'];
  const [best] = await findOrganizationCandidates(ctx, { name, address: address ?? null }, { limit: 1 });
  // 0.9+: same name and address; 0.5: same name, an address missing on either side (score.ts)
  if (best && best.score >= 0.5) return { id: best.id, name, reused: true };
  const row = await addOrganization(ctx, {
    name,
    owner_id: form.ownerId,
    ...(address ? { address } : {}),
    ...(visible_to ? { visible_to } : {}),
  });
  return { id: row.id, name: row.name, reused: false };
}

/**
 * The person the duplicate matcher finds "very likely" the same (Pipedrive's rule: same name and
 * e-mail, phone or organization) or with the same e-mail, else a new one. An existing person is
 * reused as it is: a stranger's submission never changes a contact.
 */
export async function personOf(
  ctx: TxCtx,
  form: Pick<WebFormRow, 'ownerId'>,
  v: Record<string, string>,
  orgId: number | null,
  visible_to: 1 | 3 | 5 | 7 | undefined,
): Promise<{ id: number; name: string; reused: boolean }> {
  const email = v['person.email'];
  const phone = v['person.phone'];
  const name = v['person.name'] ?? email ?? phone ?? '';
  const phones = phone ? [phone] : [];
  const region = needsRegion(phones) ? await callerRegion(ctx) : undefined;
  const candidates = await findPersonCandidates(
    ctx,
    { name: v['person.name'] ?? null, emails: email ? [email] : [], phones, orgId },
    { region, limit: 3 },
  );
  const best = candidates.find((c) => c.score >= 0.9 || c.reasons.includes('email'));
  if (best) return { id: best.row.id, name: best.row.name, reused: true };
  const row = await addPerson(ctx, {
    name,
    owner_id: form.ownerId,
    ...(email ? { emails: [{ value: email, primary: true, label: 'work' }] } : {}),
    ...(phone ? { phones: [{ value: phone, primary: true, label: 'work' }] } : {}),
    ...(orgId !== null ? { org_id: orgId } : {}),
    ...(visible_to ? { visible_to } : {}),
  });
  return { id: row.id, name: row.name, reused: false };
}
