import type { ConversionRow } from './conversions.ts';

/** GetConvertResponse1 (spec §5): the new record's id only once completed. */
export function presentConversion(row: ConversionRow) {
  const data: {
    conversion_id: string;
    status: ConversionRow['status'];
    deal_id?: number;
    lead_id?: string;
    error?: string;
  } = { conversion_id: row.id, status: row.status };
  if (row.status === 'completed') {
    if (row.direction === 'lead_to_deal' && row.dealId !== null) data.deal_id = row.dealId;
    if (row.direction === 'deal_to_lead' && row.leadId !== null) data.lead_id = row.leadId;
  }
  if ((row.status === 'failed' || row.status === 'rejected') && row.error) data.error = row.error;
  return { success: true as const, data, additional_data: null };
}

export function presentStarted(conversionId: string) {
  return { success: true as const, data: { conversion_id: conversionId }, additional_data: null };
}
