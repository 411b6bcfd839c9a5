/**
 * Guangdong mandatory audit performance form downloads.
 */
export const formsEndpoints = {} as const;
