/**
 * The home dashboard in one request: the industry audits the caller sees with the phase each is in against its
 * plan, their enterprises by data-collection status, their options by status and the benefits of the implemented
 * options so far (Appendix B table 7.2, computed by the core), plus the caller's own counts. Scoped by the caller:
 * a bureau sees its jurisdiction, a panel member their audits, an expert their assignments, an enterprise its own.
 */
import { z } from 'zod';
import { AUDIT_COLLECTION_STATUS_VALUES, AUDIT_STATUS_VALUES, auditScheduleSchema } from './audits.ts';
import { endpoint } from './endpoint.ts';
import { OPTION_STATUS_VALUES } from './options.ts';

const countsBy = <T extends readonly [string, ...string[]]>(values: T) =>
  z.record(z.enum(values), z.number().int());

/** Benefits of the implemented options: the 总计 column of Appendix B table 7.2 as the core computes it. */
export const dashboardBenefitsSchema = z
  .object({
    /** 方案个数（个）, 总计: implemented no/low-cost + implemented and pending mid/high-cost options. */
    optionCount: z.number().int(),
    investment_wanYuan: z.number(),
    economicBenefit_wanYuanPerYear: z.number(),
    /** 环境效益 cells other than CO2, t/a, in printed order. */
    pollutants: z.array(
      z.object({ key: z.string(), label: z.string(), value: z.number(), unit: z.string() }),
    ),
    /** CO2减排（吨/年）. */
    co2_tPerYear: z.number(),
    /** 节水（吨/年）. */
    water_tPerYear: z.number(),
    /** 节综合能耗（吨标煤/年）. */
    energy_tcePerYear: z.number(),
  })
  .meta({ id: 'DashboardBenefits' });

export const dashboardAuditSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    regionName: z.string(),
    industryName: z.string(),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    status: z.enum(AUDIT_STATUS_VALUES),
    schedule: auditScheduleSchema,
    /** Listed (candidate or selected) enterprises the caller sees, by data-collection status. */
    enterprisesByCollection: countsBy(AUDIT_COLLECTION_STATUS_VALUES),
    /** Options of the audit the caller sees, by status. */
    optionsByStatus: countsBy(OPTION_STATUS_VALUES),
    /** null when the caller may not see the audit's performance (enterprise users). */
    benefits: dashboardBenefitsSchema.nullable(),
  })
  .meta({ id: 'DashboardAudit' });

export const dashboardSchema = z
  .object({
    audits: z.array(dashboardAuditSchema),
    /** Sums over `audits`. */
    totals: z.object({
      audits: z.number().int(),
      auditsByStatus: countsBy(AUDIT_STATUS_VALUES),
      enterprisesByCollection: countsBy(AUDIT_COLLECTION_STATUS_VALUES),
      optionsByStatus: countsBy(OPTION_STATUS_VALUES),
      /** Sum of the audits' benefits that the caller may see; null when none. */
      benefits: dashboardBenefitsSchema.nullable(),
    }),
    /** What else the caller sees. */
    counts: z.object({
      enterprises: z.number().int(),
      mandatoryAudits: z.number().int(),
      options: z.number().int(),
    }),
  })
  .meta({ id: 'Dashboard' });
export type DashboardDto = z.infer<typeof dashboardSchema>;

export const dashboardEndpoints = {
  getDashboard: endpoint({
    method: 'GET',
    path: '/api/dashboard',
    summary: 'The caller’s dashboard: their audits, phases against plan, data status, options, benefits',
    tags: ['dashboard'],
    access: 'authenticated',
    response: dashboardSchema,
  }),
};
