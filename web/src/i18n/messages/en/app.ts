/** The app's frame: navigation, log-in, settings and profile. */
export const app = {
  'app.name': 'Pipewright',
  'common.close': 'Close',
  'common.loading': 'Loading…',

  'nav.main': 'Main navigation',
  'nav.toggle': 'Toggle navigation',
  'nav.leads': 'Leads',
  'nav.deals': 'Deals',
  'nav.contacts': 'Contacts',
  'nav.settings': 'Settings',
  'nav.logOut': 'Log out',

  'login.title': 'Log in to Pipewright',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.failed': 'Could not log in',
  'login.language': 'Language',

  'settings.title': 'Settings',
  'settings.sections': 'Settings sections',
  'settings.profile': 'Profile',
  'settings.pipelines': 'Pipelines',
  'settings.labels': 'Lead labels',
  'settings.users': 'Users',
  'settings.api': 'API token',

  'profile.title': 'Profile',
  'profile.language': 'Language',
  'profile.languageHint': 'The language of the web app for you, on every device you log in from.',
  'profile.saved': 'Language saved',
  'profile.saveFailed': 'Could not save the language',
} as const;
