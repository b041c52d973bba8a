import type { shared as en } from '../en/shared.ts';

export const shared: Record<keyof typeof en, string> = {};
