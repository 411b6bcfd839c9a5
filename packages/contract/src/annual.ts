export const annualEndpoints = {};
