/** The Leads Inbox, a lead, conversion (one and many), archive and restore. */
export const leads = {} as const;
