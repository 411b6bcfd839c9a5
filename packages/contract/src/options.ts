export const optionsEndpoints = {};
