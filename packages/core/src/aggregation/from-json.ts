/**
 * `cpaudit aggregate`: `{ report: 'industry' | 'guangdong', options, … }` parsed with zod, then aggregated.
 */
import { z } from 'zod';
import { gridSelectionSchema, resolveGridSelection } from '../carbon/index.ts';
import { parseInput } from '../reference/zod.ts';
import { TARGET_TYPE_ZH, type TargetType, targetSchema } from '../targets/index.ts';
import type { Traced } from '../trace.ts';
import { aggregateGuangdongForm, type GuangdongFormTotals } from './guangdong-form.ts';
import { aggregateIndustryReport, type IndustryReport } from './industry-report.ts';
import { optionInputSchema } from './option.ts';
import { aggregationSettingsSchema } from './settings.ts';

const targetTypes = Object.keys(TARGET_TYPE_ZH).filter((k): k is TargetType =>
  Object.hasOwn(TARGET_TYPE_ZH, k),
);

export const table73EntrySchema = z.strictObject({
  type: z.enum(targetTypes),
  target: z.string(),
  completion: z.string(),
});

export const industryReportInputSchema = z.strictObject({
  report: z.literal('industry'),
  options: z.array(optionInputSchema),
  targets: z.array(targetSchema).optional(),
  targetRows: z.array(table73EntrySchema).optional(),
  settings: aggregationSettingsSchema.optional(),
});

export const guangdongFormInputSchema = z.strictObject({
  report: z.literal('guangdong'),
  options: z.array(optionInputSchema),
  /** A grid factor from the carbon module's tables, or one the user cites (carbon `gridSelectionSchema`). */
  gridFactor: gridSelectionSchema,
  gasCoefficient_kgcePerM3: z.number().optional(),
  enterpriseId: z.string().min(1).optional(),
  settings: aggregationSettingsSchema.optional(),
});

/** JSON input of `cpaudit aggregate`. */
export const aggregateInputSchema = z.discriminatedUnion('report', [
  industryReportInputSchema,
  guangdongFormInputSchema,
]);
export type AggregateInput = z.infer<typeof aggregateInputSchema>;

export type AggregateResult =
  | ({ report: 'industry' } & Traced<IndustryReport>)
  | ({ report: 'guangdong' } & Traced<GuangdongFormTotals>);

/** Parses the JSON of `cpaudit aggregate` and runs the industry report or the Guangdong form totals. */
export function aggregateFromJson(json: unknown): AggregateResult {
  const input = parseInput(aggregateInputSchema, json, 'aggregate input');
  if (input.report === 'industry') {
    const r = aggregateIndustryReport({
      options: input.options,
      ...(input.targets === undefined ? {} : { targets: input.targets }),
      ...(input.targetRows === undefined ? {} : { targetRows: input.targetRows }),
      ...(input.settings === undefined ? {} : { settings: input.settings }),
    });
    return { report: 'industry', ...r };
  }
  const gridFactor = resolveGridSelection(input.gridFactor, 'gridFactor');
  const r = aggregateGuangdongForm({
    options: input.options,
    gridFactor,
    ...(input.gasCoefficient_kgcePerM3 === undefined
      ? {}
      : { gasCoefficient_kgcePerM3: input.gasCoefficient_kgcePerM3 }),
    ...(input.enterpriseId === undefined ? {} : { enterpriseId: input.enterpriseId }),
    ...(input.settings === undefined ? {} : { settings: input.settings }),
  });
  return { report: 'guangdong', ...r };
}
