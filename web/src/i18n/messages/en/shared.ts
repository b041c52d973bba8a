/** Components shared by several screens: contact pickers, notes, activities, dialogs, states. */
export const shared = {} as const;
