import type { leads as en } from '../en/leads.ts';

export const leads: Record<keyof typeof en, string> = {};
