/** People and organizations, their lists, details and merge. */
export const contacts = {} as const;
