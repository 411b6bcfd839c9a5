export const organisationsEndpoints = {};
