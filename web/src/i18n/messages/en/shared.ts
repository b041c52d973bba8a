/** Components shared by several screens: contact pickers, notes, activities, dialogs, states. */
export const shared = {
  'visibility.owner': 'Owner & followers',
  'visibility.company': 'Entire company',
  'visibility.group': 'Visibility group and sub-groups',
  'visibility.allGroups': 'All visibility groups',
} as const;
