export const auditsEndpoints = {};
