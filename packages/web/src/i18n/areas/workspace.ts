/** Messages of the options, implementation and performance phases, option detail. Keys are prefixed `workspace.`; `en` must have exactly the keys of `zh`. */
export const workspaceZh = {} as const;

export const workspaceEn: { readonly [K in keyof typeof workspaceZh]: string } = {};
