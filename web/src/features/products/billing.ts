import type { BillingFrequency } from '../../api/products.ts';
import type { MessageId } from '../../i18n/messages/en.ts';

/** The words for each billing frequency (products and deal lines share them). */
export const FREQUENCY_LABEL: Record<BillingFrequency, MessageId> = {
  'one-time': 'products.frequency.oneTime',
  weekly: 'products.frequency.weekly',
  monthly: 'products.frequency.monthly',
  quarterly: 'products.frequency.quarterly',
  'semi-annually': 'products.frequency.semiAnnually',
  annually: 'products.frequency.annually',
};
