/**
 * Data-collection workbooks, their import, list exports, indicator-system workbooks.
 */
export const exchangeEndpoints = {} as const;
