export const mandatoryEndpoints = {};
