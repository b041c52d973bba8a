/** The pipeline board, a deal, its stages, won and lost. */
export const deals = {} as const;
