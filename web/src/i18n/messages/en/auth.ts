/** First-run set-up. */
export const auth = {} as const;
