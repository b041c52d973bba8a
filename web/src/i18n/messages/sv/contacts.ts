import type { contacts as en } from '../en/contacts.ts';

export const contacts: Record<keyof typeof en, string> = {};
