import type { auth as en } from '../en/auth.ts';

export const auth: Record<keyof typeof en, string> = {
  'auth.setup.title': 'Välkommen till Pipewright',
  'auth.setup.intro': 'Skapa ditt företag och dess första administratör.',
  'auth.setup.failed': 'Det gick inte att slutföra installationen',
  'auth.setup.company': 'Företagets namn',
  'auth.setup.name': 'Ditt namn',
  'auth.setup.email': 'E-post',
  'auth.setup.password': 'Lösenord',
  'auth.setup.passwordHint': 'Minst 8 tecken',
  'auth.setup.submit': 'Skapa företag',
  'auth.setup.language': 'Språk',
};
