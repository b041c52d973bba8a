import type { notifications as en } from '../en/notifications.ts';

export const notifications: Record<keyof typeof en, string> = {
  'notifications.bell':
    '{count, plural, =0 {Aviseringar} one {Aviseringar, # oläst} other {Aviseringar, # olästa}}',
  'notifications.title': 'Aviseringar',
  'notifications.list': 'Dina aviseringar',
  'notifications.markAll': 'Markera alla som lästa',
  'notifications.empty': 'Inga aviseringar än',
  'notifications.loading': 'Läser in aviseringar',
  'notifications.failed': 'Det gick inte att läsa in aviseringarna',
  'notifications.more': 'Visa äldre',
  'notifications.unread': 'Oläst',
  'notifications.webForm.lead': 'Ny lead från webbformuläret «{source}»: {subject}',
  'notifications.webForm.deal': 'Ny affär från webbformuläret «{source}»: {subject}',
  'notifications.chatbot.lead': 'Ny lead från chattboten «{source}»: {subject}',
  'notifications.chatbot.deal': 'Ny affär från chattboten «{source}»: {subject}',
  'notifications.mention.note': '{actor} nämnde dig i en anteckning',
  'notifications.mention.comment': '{actor} nämnde dig i en kommentar till en anteckning',
  'notifications.someone': 'Någon',
  'notifications.noSubject': 'inget namn angivet',
};
