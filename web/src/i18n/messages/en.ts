/**
 * The English catalogue: every text the web app shows, by id, in ICU MessageFormat (plurals, numbers and
 * dates are formatted by the message: `{count, plural, one {# lead} other {# leads}}`). One file per area
 * under en/, ids prefixed by the area's screen ('leads.inbox.title'). Swedish (sv/) must have exactly the
 * same ids: the types and a test hold it to that.
 */
import { app } from './en/app.ts';
import { auth } from './en/auth.ts';
import { chatbots } from './en/chatbots.ts';
import { contacts } from './en/contacts.ts';
import { deals } from './en/deals.ts';
import { documents } from './en/documents.ts';
import { files } from './en/files.ts';
import { invoices } from './en/invoices.ts';
import { leads } from './en/leads.ts';
import { notifications } from './en/notifications.ts';
import { participants } from './en/participants.ts';
import { products } from './en/products.ts';
import { projects } from './en/projects.ts';
import { settings } from './en/settings.ts';
import { settingsFields } from './en/settings-fields.ts';
import { shared } from './en/shared.ts';
import { webForms } from './en/web-forms.ts';

export const en = {
  ...app,
  ...shared,
  ...leads,
  ...deals,
  ...contacts,
  ...settings,
  ...settingsFields,
  ...invoices,
  ...documents,
  ...products,
  ...files,
  ...auth,
  ...webForms,
  ...chatbots,
  ...participants,
  ...projects,
  ...notifications,
} as const;

export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;
