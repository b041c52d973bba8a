import type { shared as en } from '../en/shared.ts';

export const shared: Record<keyof typeof en, string> = {
  'visibility.owner': 'Ägare och följare',
  'visibility.company': 'Hela företaget',
  'visibility.group': 'Synlighetsgrupp och undergrupper',
  'visibility.allGroups': 'Alla synlighetsgrupper',
};
