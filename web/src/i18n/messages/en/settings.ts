/** Settings: pipelines and stages, lead labels, users, API token. */
export const settings = {} as const;
