import type { app as en } from '../en/app.ts';

export const app: Record<keyof typeof en, string> = {
  'app.name': 'Pipewright',
  'common.close': 'Stäng',
  'common.loading': 'Laddar…',

  'nav.main': 'Huvudmeny',
  'nav.toggle': 'Visa eller dölj menyn',
  'nav.leads': 'Leads',
  'nav.deals': 'Affärer',
  'nav.contacts': 'Kontakter',
  'nav.settings': 'Inställningar',
  'nav.logOut': 'Logga ut',

  'login.title': 'Logga in i Pipewright',
  'login.email': 'E-post',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.failed': 'Det gick inte att logga in',
  'login.language': 'Språk',

  'settings.title': 'Inställningar',
  'settings.sections': 'Inställningar',
  'settings.profile': 'Profil',
  'settings.pipelines': 'Pipelines',
  'settings.labels': 'Etiketter för leads',
  'settings.users': 'Användare',
  'settings.api': 'API-token',

  'profile.title': 'Profil',
  'profile.language': 'Språk',
  'profile.languageHint': 'Webbappens språk för dig, på alla enheter du loggar in från.',
  'profile.saved': 'Språket har sparats',
  'profile.saveFailed': 'Det gick inte att spara språket',
};
