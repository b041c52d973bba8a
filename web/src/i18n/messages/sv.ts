import type { Messages } from './en.ts';
import { app } from './sv/app.ts';
import { auth } from './sv/auth.ts';
import { chatbots } from './sv/chatbots.ts';
import { contacts } from './sv/contacts.ts';
import { deals } from './sv/deals.ts';
import { documents } from './sv/documents.ts';
import { files } from './sv/files.ts';
import { invoices } from './sv/invoices.ts';
import { leads } from './sv/leads.ts';
import { notifications } from './sv/notifications.ts';
import { participants } from './sv/participants.ts';
import { products } from './sv/products.ts';
import { projects } from './sv/projects.ts';
import { settings } from './sv/settings.ts';
import { settingsFields } from './sv/settings-fields.ts';
import { shared } from './sv/shared.ts';
import { webForms } from './sv/web-forms.ts';

/**
 * Svenska. Pipedrive's own Swedish words where it has them: deals are "Affärer" (one "Affär"), "Konvertera
 * till affär", "Konvertera till affärer", "Konvertera leads", the "Leads Inbox", "Arkivera". Everything else
 * as a Swedish salesperson would say it.
 */
export const sv: Messages = {
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
};
