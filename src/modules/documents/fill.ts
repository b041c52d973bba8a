import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { linesOf } from '../deal-products/derive.ts';
import type { DealRow } from '../deals/service.ts';
import { customFieldDefs } from '../fields/defs.ts';
import type { FieldDef } from '../fields/types.ts';
import { lineMoney } from '../invoices/amounts.ts';
import { escapeHtml } from '../public/html.ts';
import { scoped } from '../scope.ts';
import { companies, users } from '../users/tables.ts';
import { CUSTOM_PREFIX } from './template-html.ts';

/** The words of the products table, in the language of the user who fills the template. */
const TEXTS = {
  en: {
    product: 'Product',
    quantity: 'Quantity',
    price: 'Price',
    discount: 'Discount',
    tax: 'Tax %',
    billing: 'Billing',
    sum: 'Sum',
    net: 'Net',
    taxAmount: 'Tax',
    total: 'Total',
    oneTime: 'One-time total',
    cycles: (n: number) => `${n} cycles`,
    freq: {
      'one-time': 'One-time',
      weekly: 'Weekly',
      monthly: 'Monthly',
      quarterly: 'Quarterly',
      'semi-annually': 'Semi-annually',
      annually: 'Annually',
    },
  },
  sv: {
    product: 'Produkt',
    quantity: 'Antal',
    price: 'Pris',
    discount: 'Rabatt',
    tax: 'Moms %',
    billing: 'Fakturering',
    sum: 'Summa',
    net: 'Netto',
    taxAmount: 'Moms',
    total: 'Totalt',
    oneTime: 'Totalt engångsbelopp',
    cycles: (n: number) => `${n} perioder`,
    freq: {
      'one-time': 'Engång',
      weekly: 'Varje vecka',
      monthly: 'Varje månad',
      quarterly: 'Varje kvartal',
      'semi-annually': 'Varje halvår',
      annually: 'Varje år',
    },
  },
} as const;

type Lang = keyof typeof TEXTS;
type Freq = keyof (typeof TEXTS)['en']['freq'];

/** `sv_SE` → `sv-SE`; anything Intl does not know falls back to en-GB. */
export function localeOf(userLocale: string): string {
  const tag = userLocale.replace('_', '-');
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length > 0 ? tag : 'en-GB';
  } catch {
    return 'en-GB';
  }
}

/** An exact decimal string formatted for a locale without passing through a float. */
function money(locale: string, currency: string) {
  let f: Intl.NumberFormat;
  try {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  // Intl formats a decimal string exactly (ES2023 NumberFormat v3, Node 20)
  return (v: string) => f.format(v as unknown as number);
}

function customText(def: FieldDef | undefined, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (def && (def.fieldType === 'enum' || def.fieldType === 'set')) {
    const ids = Array.isArray(v) ? v : [v];
    return ids
      .map((id) => def.options.find((o) => String(o.id) === String(id))?.label ?? String(id))
      .join(', ');
  }
  if (Array.isArray(v)) return v.map((x) => customText(undefined, x)).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('value' in o) return [o.value, o.currency].filter((x) => x != null && x !== '').join(' ');
    return '';
  }
  return String(v);
}

/** Everything a template's placeholders can say about a deal, as text (escaped when filled). */
export async function placeholderValues(
  ctx: Ctx,
  deal: DealRow,
): Promise<{ values: Map<string, string>; productsHtml: string }> {
  const [me] = await ctx.db.select({ locale: users.locale }).from(users).where(eq(users.id, ctx.user.id));
  const locale = localeOf(me?.locale ?? 'en_US');
  const lang: Lang = locale.startsWith('sv') ? 'sv' : 'en';
  const m = money(locale, deal.currency);
  const [owner] = await ctx.db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.companyId, ctx.companyId), eq(users.id, deal.ownerId)));
  const [company] = await ctx.db
    .select({ name: companies.name })
    .from(companies)
    .where(eq(companies.id, ctx.companyId));
  const [person] = deal.personId
    ? await ctx.db
        .select({ name: persons.name, emails: persons.emails, phones: persons.phones })
        .from(persons)
        .where(
          and(scoped(ctx, persons, { deleted: 'too', visibility: 'any' }), eq(persons.id, deal.personId)),
        )
    : [];
  const [org] = deal.orgId
    ? await ctx.db
        .select({ name: organizations.name, address: organizations.address })
        .from(organizations)
        .where(
          and(
            scoped(ctx, organizations, { deleted: 'too', visibility: 'any' }),
            eq(organizations.id, deal.orgId),
          ),
        )
    : [];
  const primary = (list: { value: string; primary: boolean }[] | undefined) =>
    list?.find((c) => c.primary)?.value ?? list?.[0]?.value ?? '';
  const values = new Map<string, string>([
    ['deal.title', deal.title],
    ['deal.value', m(deal.value)],
    ['deal.currency', deal.currency],
    [
      'deal.expected_close_date',
      deal.expectedCloseDate
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
            new Date(`${deal.expectedCloseDate}T00:00:00Z`),
          )
        : '',
    ],
    ['deal.id', String(deal.id)],
    ['person.name', person?.name ?? ''],
    ['person.email', primary(person?.emails)],
    ['person.phone', primary(person?.phones)],
    ['organization.name', org?.name ?? ''],
    ['organization.address', org?.address?.value ?? ''],
    ['owner.name', owner?.name ?? ''],
    ['owner.email', owner?.email ?? ''],
    ['company.name', company?.name ?? ''],
    ['date.today', new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date())],
  ]);
  const defs = await customFieldDefs(ctx, 'deal');
  for (const def of defs) {
    if (def.isDeleted) continue;
    values.set(`${CUSTOM_PREFIX}${def.key}`, customText(def, deal.customFields[def.key]));
  }
  return { values, productsHtml: await productsTable(ctx, deal, lang, locale) };
}

/**
 * The deal's enabled product lines as a table: name, quantity, price, discount, tax, billing
 * (frequency and cycles) and sum, then the totals in exact decimals: the one-time lines' net, tax and
 * total, and one total per recurring frequency (what is billed each period).
 */
async function productsTable(ctx: Ctx, deal: DealRow, lang: Lang, locale: string): Promise<string> {
  const t = TEXTS[lang];
  const m = money(locale, deal.currency);
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
  const n = (v: string) => num.format(v as unknown as number);
  const lines = (await linesOf(ctx, deal.id)).filter((l) => l.isEnabled && l.currency === deal.currency);
  const e = escapeHtml;
  const head = [t.product, t.quantity, t.price, t.discount, t.tax, t.billing, t.sum];
  const rows: string[] = [];
  const oneTime = { net: new Decimal(0), tax: new Decimal(0), total: new Decimal(0) };
  const recurring = new Map<Freq, Decimal>();
  for (const l of lines) {
    const amounts = lineMoney(l);
    const freq = l.billingFrequency as Freq;
    if (freq === 'one-time') {
      oneTime.net = oneTime.net.plus(amounts.net);
      oneTime.tax = oneTime.tax.plus(amounts.taxAmount);
      oneTime.total = oneTime.total.plus(amounts.total);
    } else {
      recurring.set(freq, (recurring.get(freq) ?? new Decimal(0)).plus(amounts.total));
    }
    const discount = new Decimal(l.discount).isZero()
      ? ''
      : l.discountType === 'percentage'
        ? `${n(l.discount)} %`
        : m(l.discount);
    const billing =
      freq === 'one-time'
        ? t.freq[freq]
        : `${t.freq[freq]}${l.billingFrequencyCycles ? ` (${t.cycles(l.billingFrequencyCycles)})` : ''}`;
    const cells = [
      l.name,
      n(l.quantity),
      m(l.itemPrice),
      discount,
      l.taxMethod === 'none' ? '' : n(l.tax),
      billing,
      m(amounts.total),
    ];
    rows.push(`<tr>${cells.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`);
  }
  const totals: [string, string][] = [];
  if (lines.some((l) => l.billingFrequency === 'one-time')) {
    totals.push(
      [t.net, m(oneTime.net.toFixed(2))],
      [t.taxAmount, m(oneTime.tax.toFixed(2))],
      [t.oneTime, m(oneTime.total.toFixed(2))],
    );
  }
  for (const [freq, sum] of recurring)
    totals.push([`${t.total} (${t.freq[freq].toLowerCase()})`, m(sum.toFixed(2))]);
  const totalRows = totals.map(
    ([label, v]) =>
      `<tr><td colspan="6"><strong>${e(label)}</strong></td><td><strong>${e(v)}</strong></td></tr>`,
  );
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}${totalRows.join('')}</tbody></table>`;
}
