/** Messages of the admin pages, expert assignments, bureau enterprise pages. Keys are prefixed `admin.`; `en` must have exactly the keys of `zh`. */
export const adminZh = {} as const;

export const adminEn: { readonly [K in keyof typeof adminZh]: string } = {};
