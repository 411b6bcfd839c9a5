/**
 * GB/T 4754-2017 industry codes (国民经济行业分类) for pickers: the core owns the table and the search
 * (`searchIndustries`, `industryPath`, `industryGroupOf`); this only scopes the answer to the request.
 */
import type {
  industryCodeDetailSchema,
  industryCodeSchema,
  searchIndustryCodesQuery,
} from '@cpaudit/contract';
import {
  CpError,
  findIndustry,
  industryGroupOf,
  industryPath,
  SRC_GBT4754,
  searchIndustries,
} from '@cpaudit/core';
import type { z } from 'zod';
import type { ServiceContext } from '../context.ts';

type IndustryCodeDto = z.input<typeof industryCodeSchema>;

export function searchIndustryCodes(
  _ctx: ServiceContext,
  query: z.output<typeof searchIndustryCodesQuery>,
): { items: IndustryCodeDto[] } {
  const items = searchIndustries(query.q, {
    limit: query.limit,
    ...(query.level ? { levels: [query.level] } : {}),
  });
  return { items: items.map((r) => ({ code: r.code, name: r.name, level: r.level, parent: r.parent })) };
}

export function getIndustryCode(
  _ctx: ServiceContext,
  code: string,
): z.input<typeof industryCodeDetailSchema> {
  const industry = findIndustry(code);
  if (!industry)
    throw new CpError(
      'NOT_FOUND',
      `“${code}”不是GB/T 4754-2017行业代码 / "${code}" is not a GB/T 4754-2017 industry code`,
    );
  const group =
    industry.level === 'group' || industry.level === 'class' ? industryGroupOf(industry.code) : null;
  return {
    industry: { ...industry },
    path: industryPath(industry.code).map((r) => ({ ...r })),
    group,
    source: { ...SRC_GBT4754 },
  };
}
