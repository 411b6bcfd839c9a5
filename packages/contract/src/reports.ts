/**
 * Industry audit report (Appendix B) downloads.
 */
export const reportsEndpoints = {} as const;
