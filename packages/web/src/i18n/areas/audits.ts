/** Messages of the bureau dashboard, audit list, audit workspace shell, preparation and audit phases. Keys are prefixed `audits.`; `en` must have exactly the keys of `zh`. */
export const auditsZh = {} as const;

export const auditsEn: { readonly [K in keyof typeof auditsZh]: string } = {};
