/**
 * The counts that prove a conversion of every lead of a company was complete (bench/conversion.ts,
 * and the crash test).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { rowsOf } from '../lib/seed/company.ts';

export interface ConversionCheck {
  leads: number;
  leadsDeleted: number;
  deals: number;
  distinctSources: number;
  notesOnDeals: number;
  notesOnLeads: number;
  notesOnTheirDeal: number;
  activitiesOnDeals: number;
  activitiesOnLeads: number;
  activitiesOnTheirDeal: number;
}

/**
 * Counts after converting every lead of the company: each lead deleted and the source of exactly one
 * deal, every note and activity on a deal (the one made from the lead named in its text) and none on
 * a lead.
 */
export async function checkConversion(db: Db, companyId: number): Promise<ConversionCheck> {
  const c = companyId;
  const r = rowsOf(
    await db.execute(sql`
      SELECT
        (SELECT count(*) FROM leads WHERE company_id = ${c})::int AS leads,
        (SELECT count(*) FROM leads WHERE company_id = ${c} AND is_deleted)::int AS leads_deleted,
        (SELECT count(*) FROM deals WHERE company_id = ${c} AND source_lead_id IS NOT NULL)::int AS deals,
        (SELECT count(DISTINCT d.source_lead_id) FROM deals d JOIN leads l ON l.id = d.source_lead_id
          WHERE d.company_id = ${c} AND l.company_id = ${c})::int AS distinct_sources,
        (SELECT count(*) FROM notes WHERE company_id = ${c} AND deal_id IS NOT NULL)::int AS notes_on_deals,
        (SELECT count(*) FROM notes WHERE company_id = ${c} AND lead_id IS NOT NULL)::int AS notes_on_leads,
        (SELECT count(*) FROM notes n JOIN deals d ON d.id = n.deal_id
          WHERE n.company_id = ${c} AND n.content LIKE '%' || d.source_lead_id::text || '%')::int
          AS notes_on_their_deal,
        (SELECT count(*) FROM activities WHERE company_id = ${c} AND deal_id IS NOT NULL)::int
          AS activities_on_deals,
        (SELECT count(*) FROM activities WHERE company_id = ${c} AND lead_id IS NOT NULL)::int
          AS activities_on_leads,
        (SELECT count(*) FROM activities a JOIN deals d ON d.id = a.deal_id
          WHERE a.company_id = ${c} AND a.subject LIKE '%' || d.source_lead_id::text)::int
          AS activities_on_their_deal`),
  )[0] as Record<string, number>;
  return {
    leads: r.leads as number,
    leadsDeleted: r.leads_deleted as number,
    deals: r.deals as number,
    distinctSources: r.distinct_sources as number,
    notesOnDeals: r.notes_on_deals as number,
    notesOnLeads: r.notes_on_leads as number,
    notesOnTheirDeal: r.notes_on_their_deal as number,
    activitiesOnDeals: r.activities_on_deals as number,
    activitiesOnLeads: r.activities_on_leads as number,
    activitiesOnTheirDeal: r.activities_on_their_deal as number,
  };
}

/** The problems of a check of `n` converted leads (empty when complete). */
export function checkProblems(k: ConversionCheck, n: number): string[] {
  const want: [keyof ConversionCheck, number][] = [
    ['leads', n],
    ['leadsDeleted', n],
    ['deals', n],
    ['distinctSources', n],
    ['notesOnDeals', 2 * n],
    ['notesOnLeads', 0],
    ['notesOnTheirDeal', 2 * n],
    ['activitiesOnDeals', 2 * n],
    ['activitiesOnLeads', 0],
    ['activitiesOnTheirDeal', 2 * n],
  ];
  return want.filter(([key, v]) => k[key] !== v).map(([key, v]) => `${key} ${k[key]} (expected ${v})`);
}

/** One line for the report: the counts checked. */
export function checkLine(k: ConversionCheck): string {
  return (
    `${k.leadsDeleted}/${k.leads} leads deleted, ${k.deals} deals (${k.distinctSources} distinct leads), ` +
    `notes ${k.notesOnDeals} on deals (${k.notesOnTheirDeal} on their own) / ${k.notesOnLeads} left on leads, ` +
    `activities ${k.activitiesOnDeals} on deals (${k.activitiesOnTheirDeal} on their own) / ` +
    `${k.activitiesOnLeads} left on leads`
  );
}
