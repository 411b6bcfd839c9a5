/** Messages of the enterprise profile, annual data, benchmarking, GD performance form, balances. Keys are prefixed `enterprise.`; `en` must have exactly the keys of `zh`. */
export const enterpriseZh = {} as const;

export const enterpriseEn: { readonly [K in keyof typeof enterpriseZh]: string } = {};
