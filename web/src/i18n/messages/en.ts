/**
 * The English catalogue: every text the web app shows, by id, in ICU MessageFormat (plurals, numbers and
 * dates are formatted by the message: `{count, plural, one {# lead} other {# leads}}`). One file per area
 * under en/, ids prefixed by the area's screen ('leads.inbox.title'). Swedish (sv/) must have exactly the
 * same ids: the types and a test hold it to that.
 */
import { app } from './en/app.ts';
import { auth } from './en/auth.ts';
import { contacts } from './en/contacts.ts';
import { deals } from './en/deals.ts';
import { leads } from './en/leads.ts';
import { participants } from './en/participants.ts';
import { settings } from './en/settings.ts';
import { shared } from './en/shared.ts';

export const en = {
  ...app,
  ...shared,
  ...leads,
  ...deals,
  ...contacts,
  ...participants,
  ...settings,
  ...auth,
} as const;

export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;
