/** First-run set-up. */
export const auth = {
  'auth.setup.title': 'Welcome to Pipewright',
  'auth.setup.intro': 'Create your company and its first admin.',
  'auth.setup.failed': 'Set-up failed',
  'auth.setup.company': 'Company name',
  'auth.setup.name': 'Your name',
  'auth.setup.email': 'Email',
  'auth.setup.password': 'Password',
  'auth.setup.passwordHint': 'At least 8 characters',
  'auth.setup.submit': 'Create company',
  'auth.setup.language': 'Language',
} as const;
