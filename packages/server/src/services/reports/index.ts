/**
 * The industry audit report (Appendix B) of an audit as a .docx: the audit's records read here (permission first:
 * whoever may read the audit, `auditVisible`, else 404), tables 7.2 and 7.3 from `auditPerformance` (the same code
 * and core aggregation as `getAuditPerformance`, not re-aggregated), evidence photos from the blob store (downscaled
 * copies, `pictures.ts`). Nothing is
 * computed here beyond choosing which recorded figure to show (actual when implemented, else planned/expected) and
 * summing attendance headcounts; the documents package lays it out.
 */

import type { StatusAnalysisView } from '@cpaudit/contract';
import { isCpError } from '@cpaudit/core';
import {
  drawReportCharts,
  EMBEDDED_PHOTOS_PER_KIND,
  PICTURE_TYPES,
  type RenderReportOptions,
  type ReportData,
  type ReportOption,
  type ReportOptionEvidence,
  type ReportStatusAnalysis,
  type ReportText,
  renderAuditReport,
} from '@cpaudit/documents';
import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import {
  AUDIT_PHASES,
  auditAnalysisSections,
  auditEnterprises,
  auditFocuses,
  auditPanelMembers,
  auditPhases,
  auditProblems,
  auditTargets,
  auditTrainingAttendance,
  auditTrainings,
  BENEFIT_ITEMS,
  bureaus,
  cpOptions,
  cpPlanTasks,
  enterpriseProducts,
  enterprises,
  IMPLEMENTED_OPTION_STATUSES,
  industryAudits,
  type OptionBenefit,
  optionBenefits,
  optionEvidence,
  regions,
  siteSurveys,
} from '../../db/index.ts';
import { type BlobStore, contentDisposition } from '../../storage/index.ts';
import { getStatusAnalysis } from '../compliance/status.ts';
import type { ServiceContext } from '../context.ts';
import { costClassEffectiveSql } from '../options/access.ts';
import { auditPerformance } from '../options/index.ts';
import { auditVisible, notFound } from '../scope.ts';
import {
  ASPECT_ZH,
  AUDIT_STATUS_ZH,
  CAUSE_ZH,
  DATA_STATUS_ZH,
  ENTERPRISE_STATUS_ZH,
  OPTION_STATUS_ZH,
  OPTION_TYPE_ZH,
  ORIENTATION_ZH,
  PANEL_ROLE_ZH,
  PHASE_ZH,
  PLAN_CATEGORY_ZH,
  PLAN_STATUS_ZH,
  STATUS_SECTIONS,
  SURVEY_CHECK_ZH,
  TARGET_TYPE_ZH,
  TRAINING_KIND_ZH,
} from './labels.ts';
import { reportPicture } from './pictures.ts';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const ITEM_ZH: ReadonlyMap<string, string> = new Map(BENEFIT_ITEMS.map((i) => [i.code, i.zh]));
const IMPLEMENTED: ReadonlySet<string> = new Set(IMPLEMENTED_OPTION_STATUSES);
/** Evidence kinds whose pictures chapter 9 embeds (9.x.1 实施前后对比照片); other files are listed. */
const PHOTO_KINDS: ReadonlySet<string> = new Set(['photo_before', 'photo_after']);

export interface ReportDeps {
  store: BlobStore;
}

function day(d: string | Date | null): string | null {
  if (d === null) return null;
  return typeof d === 'string' ? d : d.toISOString().slice(0, 10);
}

/** One formatter for the whole report (`toLocaleString` builds one per call: ≈ 0.1 ms each, thousands of lines). */
const QUANTITY = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

function quantityText(q: number): string {
  return QUANTITY.format(q);
}

/** 环境或资源能源效益 of an option: its text when written, else its benefit lines (actual when implemented). */
/** The columns of a benefit line the report reads. */
type BenefitLine = Pick<OptionBenefit, 'optionId' | 'basis' | 'itemCode' | 'name' | 'quantity' | 'unit'>;

function benefitText(written: string | null, lines: readonly BenefitLine[], implemented: boolean): string {
  if (written?.trim()) return written;
  const actual = lines.filter((l) => l.basis === 'actual');
  const chosen = implemented && actual.length > 0 ? actual : lines.filter((l) => l.basis === 'expected');
  if (chosen.length === 0) return '—';
  return chosen
    .map((l) => `${l.name ?? ITEM_ZH.get(l.itemCode) ?? l.itemCode} ${quantityText(l.quantity)} ${l.unit}`)
    .join('；');
}

/** Builds the report's data for one audit (404 when the actor may not read it). */
const POINT_ZH = { workshop: '车间或生产设施排放口', total: '企业总排放口' } as const;
const LEVEL_ZH = { I: 'Ⅰ级', II: 'Ⅱ级' } as const;

/** The status analysis as the report prints it (no figure recomputed: labels and sums of materials only). */
export function reportStatusAnalysis(s: StatusAnalysisView): ReportStatusAnalysis {
  const materials = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  return {
    year: s.year,
    counts: s.counts,
    taxTotal_wanYuan: s.tax.total_wanYuan,
    rateDocument: s.tax.rateDocument,
    enterprises: s.enterprises.map((e) => ({
      name: e.name,
      checks: e.checks,
      exceedances: e.exceedances.length,
      doubleExceed: e.doubleExceed,
      quotaExceeded: e.quotaExceeded,
      doubleToxic: e.doubleToxic,
      highEnergy: e.highEnergy,
      tax_wanYuan: e.tax_wanYuan,
    })),
    exceedances: s.enterprises.flatMap((e) =>
      e.exceedances.map((x) => ({
        enterprise: e.name,
        pointName: x.pointName,
        pointLabel: POINT_ZH[x.point],
        pollutant: x.pollutantZh,
        measured: x.measured,
        converted: x.converted,
        unit: x.unit,
        limit: x.limit?.max ?? null,
        basis: [x.standard, x.table, x.clause ? `（${x.clause}）` : null].filter(Boolean).join(' '),
      })),
    ),
    potential:
      s.potential === null
        ? null
        : {
            systemName: s.potential.systemName,
            levels: s.potential.levels.map((l) => ({
              levelLabel: LEVEL_ZH[l.level],
              indicators: l.byIndicator.map((i) => ({
                name: i.name,
                unit: i.saved.unit,
                saved: i.saved.value,
                enterprisesWorse: i.enterprisesWorse,
                rank: i.rank,
              })),
              industry: {
                water_m3: l.industry.water_m3,
                energy_tce: l.industry.energy_tce,
                co2_t: l.industry.co2_t,
                materials_t: materials(l.industry.materials_t),
                total_wanYuan: l.industry.total_wanYuan,
              },
              targets: l.targets.map((t) => ({
                item: t.item,
                unit: t.unit,
                current: t.current,
                reduction: t.reduction,
                percent: t.percent,
              })),
            })),
          },
    potentialNote: s.potentialNote,
  };
}

export async function auditReportData(
  ctx: ServiceContext,
  deps: ReportDeps,
  auditId: string,
  /** `drawCharts`: draw the charts as their figures arrive, for a report about to be rendered. */
  opts: { drawCharts?: boolean } = {},
): Promise<ReportData> {
  const [audit] = await ctx.db
    .select({
      row: industryAudits,
      bureauName: bureaus.name,
      regionName: regions.name,
    })
    .from(industryAudits)
    .innerJoin(bureaus, eq(bureaus.id, industryAudits.bureauId))
    .innerJoin(regions, eq(regions.code, industryAudits.regionCode))
    .where(and(eq(industryAudits.id, auditId), auditVisible(ctx.actor)));
  if (!audit) throw notFound('audit', auditId);
  const a = audit.row;
  const db = ctx.db;
  // Every read below is independent of the others: started together, so that on PostgreSQL the pool runs them at
  // the same time and the core's work (tables 7.2/7.3, the status analysis) overlaps the other queries. Lists of an
  // audit's enterprises or options are joined on the audit id rather than sent back as thousands of ids.
  const ofAuditEnterprises = inArray(
    enterpriseProducts.enterpriseId,
    db
      .select({ id: auditEnterprises.enterpriseId })
      .from(auditEnterprises)
      .where(eq(auditEnterprises.auditId, auditId)),
  );
  const [
    performance,
    statusAnalysis,
    entRows,
    products,
    [panel, phases, trainings, attendance, surveys, sections, focuses, targets, problems, tasks],
    options,
    benefits,
    evidence,
  ] = await Promise.all([
    // Tables 7.2 and 7.3: exactly what getAuditPerformance answers. Its charts are drawn at once, while the other
    // reads are still running (the renderer then finds them drawn).
    auditPerformance(ctx, auditId).then((p) => {
      if (opts.drawCharts) drawReportCharts({ table72: p.table72 });
      return p;
    }),
    // 现状分析 (chapters 3–5): exactly what getStatusAnalysis answers for the audit's base year.
    getStatusAnalysis(ctx, auditId, {}).then(
      (s) => {
        const r = reportStatusAnalysis(s);
        if (opts.drawCharts) drawReportCharts({ statusAnalysis: r });
        return r;
      },
      (e: unknown) => {
        if (!isCpError(e)) throw e;
        return null;
      },
    ),
    db
      .select({
        id: enterprises.id,
        name: enterprises.name,
        uscc: enterprises.uscc,
        employees: enterprises.employees,
        region: regions.name,
        status: auditEnterprises.status,
        dataStatus: auditEnterprises.dataStatus,
      })
      .from(auditEnterprises)
      .innerJoin(enterprises, eq(enterprises.id, auditEnterprises.enterpriseId))
      .innerJoin(regions, eq(regions.code, enterprises.regionCode))
      .where(eq(auditEnterprises.auditId, auditId))
      .orderBy(
        sql`case ${auditEnterprises.status} when 'selected' then 0 when 'candidate' then 1 else 2 end`,
        asc(enterprises.name),
      ),
    db
      .select()
      .from(enterpriseProducts)
      .where(ofAuditEnterprises)
      .orderBy(asc(enterpriseProducts.sortOrder), asc(enterpriseProducts.name)),
    Promise.all([
      db
        .select()
        .from(auditPanelMembers)
        .where(eq(auditPanelMembers.auditId, auditId))
        .orderBy(asc(auditPanelMembers.sortOrder), asc(auditPanelMembers.name)),
      db.select().from(auditPhases).where(eq(auditPhases.auditId, auditId)),
      db
        .select()
        .from(auditTrainings)
        .where(eq(auditTrainings.auditId, auditId))
        .orderBy(asc(auditTrainings.heldOn), asc(auditTrainings.title)),
      db
        .select({
          trainingId: auditTrainingAttendance.trainingId,
          n: sql<number>`sum(${auditTrainingAttendance.headcount})::int`,
        })
        .from(auditTrainingAttendance)
        .innerJoin(auditTrainings, eq(auditTrainings.id, auditTrainingAttendance.trainingId))
        .where(eq(auditTrainings.auditId, auditId))
        .groupBy(auditTrainingAttendance.trainingId),
      db
        .select({ row: siteSurveys, enterprise: enterprises.name })
        .from(siteSurveys)
        .innerJoin(enterprises, eq(enterprises.id, siteSurveys.enterpriseId))
        .where(eq(siteSurveys.auditId, auditId))
        .orderBy(asc(siteSurveys.surveyedOn), asc(enterprises.name)),
      db
        .select({ row: auditAnalysisSections, enterprise: enterprises.name })
        .from(auditAnalysisSections)
        .leftJoin(enterprises, eq(enterprises.id, auditAnalysisSections.enterpriseId))
        .where(eq(auditAnalysisSections.auditId, auditId))
        .orderBy(asc(auditAnalysisSections.sortOrder), asc(auditAnalysisSections.createdAt)),
      db
        .select()
        .from(auditFocuses)
        .where(eq(auditFocuses.auditId, auditId))
        .orderBy(asc(auditFocuses.sortOrder), asc(auditFocuses.title)),
      db
        .select()
        .from(auditTargets)
        .where(eq(auditTargets.auditId, auditId))
        .orderBy(asc(auditTargets.sortOrder), asc(auditTargets.createdAt)),
      db
        .select({ row: auditProblems, enterprise: enterprises.name })
        .from(auditProblems)
        .leftJoin(enterprises, eq(enterprises.id, auditProblems.enterpriseId))
        .where(eq(auditProblems.auditId, auditId))
        .orderBy(
          asc(auditProblems.scope),
          sql`${auditProblems.priority} asc nulls last`,
          asc(auditProblems.createdAt),
        ),
      db
        .select()
        .from(cpPlanTasks)
        .where(eq(cpPlanTasks.auditId, auditId))
        .orderBy(asc(cpPlanTasks.sortOrder), asc(cpPlanTasks.deadline)),
    ]),
    // Only the columns the report prints (a third of the row: drizzle maps every field of 5 000 rows).
    db
      .select({
        id: cpOptions.id,
        code: cpOptions.code,
        name: cpOptions.name,
        optionType: cpOptions.optionType,
        summary: cpOptions.summary,
        environmentalBenefitText: cpOptions.environmentalBenefitText,
        status: cpOptions.status,
        implementedOn: cpOptions.implementedOn,
        responsibleUnit: cpOptions.responsibleUnit,
        economicBenefitActual_wanYuanPerYear: cpOptions.economicBenefitActual_wanYuanPerYear,
        economicBenefitExpected_wanYuanPerYear: cpOptions.economicBenefitExpected_wanYuanPerYear,
        investmentActual_wanYuan: cpOptions.investmentActual_wanYuan,
        investmentPlanned_wanYuan: cpOptions.investmentPlanned_wanYuan,
        paybackYears: cpOptions.paybackYears,
        npv_wanYuan: cpOptions.npv_wanYuan,
        irr: cpOptions.irr,
        npvr: cpOptions.npvr,
        enterpriseName: enterprises.name,
        costClassEffective: costClassEffectiveSql(),
      })
      .from(cpOptions)
      .leftJoin(enterprises, eq(enterprises.id, cpOptions.enterpriseId))
      .leftJoin(industryAudits, eq(industryAudits.id, cpOptions.auditId))
      .where(eq(cpOptions.auditId, auditId))
      .orderBy(asc(cpOptions.sortOrder), asc(cpOptions.code), asc(cpOptions.createdAt), asc(cpOptions.id)),
    db
      .select({
        optionId: optionBenefits.optionId,
        basis: optionBenefits.basis,
        itemCode: optionBenefits.itemCode,
        name: optionBenefits.name,
        quantity: optionBenefits.quantity,
        unit: optionBenefits.unit,
      })
      .from(optionBenefits)
      .innerJoin(cpOptions, eq(cpOptions.id, optionBenefits.optionId))
      .where(eq(cpOptions.auditId, auditId)),
    db
      .select(getTableColumns(optionEvidence))
      .from(optionEvidence)
      .innerJoin(cpOptions, eq(cpOptions.id, optionEvidence.optionId))
      .where(and(eq(cpOptions.auditId, auditId), isNull(optionEvidence.withdrawnAt)))
      .orderBy(asc(optionEvidence.kind), asc(optionEvidence.uploadedAt), asc(optionEvidence.id)),
  ]);

  const productsOf = new Map<string, string[]>();
  for (const p of products) {
    const list = productsOf.get(p.enterpriseId) ?? [];
    list.push(
      p.capacity === null ? p.name : `${p.name} ${quantityText(p.capacity)} ${p.capacityUnit ?? ''}`.trim(),
    );
    productsOf.set(p.enterpriseId, list);
  }

  const benefitsOf = new Map<string, BenefitLine[]>();
  for (const b of benefits) {
    const list = benefitsOf.get(b.optionId) ?? [];
    list.push(b);
    benefitsOf.set(b.optionId, list);
  }

  const text = (section: string): ReportText[] =>
    sections
      .filter((s) => s.row.section === section && (s.row.content ?? '').trim() !== '')
      .map((s) => ({ content: s.row.content ?? '', ...(s.enterprise ? { enterprise: s.enterprise } : {}) }));
  const attendanceOf = new Map(attendance.map((r) => [r.trainingId, Number(r.n)]));

  const reportOptions: ReportOption[] = options.map((o, i) => {
    const implemented = IMPLEMENTED.has(o.status);
    const hasEconomics =
      o.paybackYears !== null || o.npv_wanYuan !== null || o.irr !== null || o.npvr !== null;
    return {
      code: o.code ?? String(i + 1),
      typeLabel: o.optionType ? (OPTION_TYPE_ZH[o.optionType] ?? o.optionType) : '—',
      name: o.name,
      summary: o.summary ?? '—',
      environmentalBenefit: benefitText(o.environmentalBenefitText, benefitsOf.get(o.id) ?? [], implemented),
      economicBenefit_wanYuanPerYear:
        implemented && o.economicBenefitActual_wanYuanPerYear !== null
          ? o.economicBenefitActual_wanYuanPerYear
          : o.economicBenefitExpected_wanYuanPerYear,
      investment_wanYuan:
        implemented && o.investmentActual_wanYuan !== null
          ? o.investmentActual_wanYuan
          : o.investmentPlanned_wanYuan,
      responsibleUnit: o.responsibleUnit ?? o.enterpriseName ?? '—',
      enterprise: o.enterpriseName,
      costClassLabel: o.costClassEffective === 'no_low' ? '无/低费' : '中/高费',
      statusLabel: OPTION_STATUS_ZH[o.status] ?? o.status,
      implemented,
      implementedOn: day(o.implementedOn),
      feasibility: hasEconomics
        ? { paybackYears: o.paybackYears, npv_wanYuan: o.npv_wanYuan, irr: o.irr, npvr: o.npvr }
        : null,
    };
  });

  // Chapter 9: the implemented options and any other option with evidence, in the options' order.
  const evidenceOf = new Map<string, typeof evidence>();
  for (const e of evidence) {
    const list = evidenceOf.get(e.optionId) ?? [];
    list.push(e);
    evidenceOf.set(e.optionId, list);
  }
  const evidenceChapter: ReportOptionEvidence[] = [];
  for (const [i, o] of options.entries()) {
    const files = evidenceOf.get(o.id) ?? [];
    if (!IMPLEMENTED.has(o.status) && files.length === 0) continue;
    const actual = (benefitsOf.get(o.id) ?? []).filter((b) => b.basis === 'actual');
    const lines = actual.length > 0 ? actual : (benefitsOf.get(o.id) ?? []);
    const entry: ReportOptionEvidence = {
      code: reportOptions[i]?.code ?? String(i + 1),
      name: o.name,
      enterprise: o.enterpriseName,
      statusLabel: OPTION_STATUS_ZH[o.status] ?? o.status,
      benefits: lines.map((b) => ({
        label: b.name ?? ITEM_ZH.get(b.itemCode) ?? b.itemCode,
        quantity: b.quantity,
        unit: b.unit,
        basisLabel: b.basis === 'actual' ? '实际' : '预期',
      })),
      files: [],
    };
    evidenceChapter.push(entry);
    // The photos to embed (the first few of each kind), downscaled copies read one at a time: a report holds at
    // most a few hundred KB per photo, never the originals.
    const embedded = new Map<string, number>();
    for (const f of files) {
      let bytes: Uint8Array | undefined;
      const n = embedded.get(f.kind) ?? 0;
      if (PHOTO_KINDS.has(f.kind) && PICTURE_TYPES.has(f.contentType) && n < EMBEDDED_PHOTOS_PER_KIND) {
        bytes = await reportPicture(deps.store, f.sha256);
        if (bytes) embedded.set(f.kind, n + 1);
      }
      entry.files.push({
        kind: f.kind,
        title: f.title,
        fileName: f.fileName,
        contentType: f.contentType,
        sizeBytes: f.sizeBytes,
        uploadedAt: f.uploadedAt.toISOString(),
        ...(bytes ? { bytes } : {}),
      });
    }
  }

  // The title names the industry without its bracketed gloss: 电镀（金属表面处理及热处理加工） → 电镀行业.
  const short = a.industryName.replace(/[（(][^）)]*[）)]$/, '').trim() || a.industryName;
  const industry = short.endsWith('行业') ? short : `${short}行业`;
  return {
    title: `${audit.regionName}${industry}清洁生产审核报告`,
    bureau: audit.bureauName,
    date: ctx.now().toISOString().slice(0, 10),
    audit: {
      name: a.title,
      region: audit.regionName,
      industryName: a.industryName,
      industryCodes: a.industryCodes,
      periodStart: day(a.periodStart) ?? '',
      periodEnd: day(a.periodEnd) ?? '',
      statusLabel: AUDIT_STATUS_ZH[a.status] ?? a.status,
      scope: a.scope ?? '',
      purpose: a.purpose ?? '',
    },
    industryOverview: text('industry_overview'),
    enterprises: entRows.map((e) => ({
      name: e.name,
      uscc: e.uscc,
      region: e.region,
      employees: e.employees,
      products: (productsOf.get(e.id) ?? []).join('；'),
      statusLabel: ENTERPRISE_STATUS_ZH[e.status] ?? e.status,
      dataStatusLabel: DATA_STATUS_ZH[e.dataStatus] ?? e.dataStatus,
    })),
    panel: panel.map((m) => ({
      name: m.name,
      organization: m.organization ?? '',
      position: m.position ?? '',
      roleLabel: PANEL_ROLE_ZH[m.panelRole] ?? m.panelRole,
      duties: m.duties ?? '',
    })),
    phases: AUDIT_PHASES.map((phase) => {
      const p = phases.find((r) => r.phase === phase);
      return {
        label: PHASE_ZH[phase],
        plannedStart: day(p?.plannedStart ?? null),
        plannedEnd: day(p?.plannedEnd ?? null),
        actualStart: day(p?.actualStart ?? null),
        actualEnd: day(p?.actualEnd ?? null),
        workContent: p?.workContent ?? '',
        responsible: p?.responsible ?? '',
      };
    }),
    trainings: trainings.map((t) => ({
      kindLabel: TRAINING_KIND_ZH[t.kind] ?? t.kind,
      title: t.title,
      heldOn: day(t.heldOn) ?? '',
      location: t.location ?? '',
      attendance: attendanceOf.get(t.id) ?? 0,
    })),
    surveyMethods: text('survey_methods'),
    surveys: surveys.map((s) => ({
      enterprise: s.enterprise,
      surveyedOn: day(s.row.surveyedOn) ?? '',
      surveyors: s.row.surveyors ?? '',
      checked: [s.row.checked.map((c) => SURVEY_CHECK_ZH[c] ?? c).join('、'), s.row.checkedDetail ?? '']
        .filter((x) => x !== '')
        .join('：'),
      findings: s.row.findings ?? '',
    })),
    industryStatus: STATUS_SECTIONS.map(([section, heading]) => ({ heading, texts: text(section) })),
    focuses: focuses.map((f) => ({
      orientationLabel: ORIENTATION_ZH[f.orientation] ?? f.orientation,
      title: f.title,
      description: f.description ?? '',
      score: f.score,
      selected: f.selected,
    })),
    targets: targets.map((t) => ({
      typeLabel: TARGET_TYPE_ZH[t.type] ?? t.type,
      indicator: t.indicator,
      unit: t.unit,
      baselineValue: t.baselineValue,
      baselineYear: t.baselineYear,
      nearTermValue: t.nearTermValue,
      nearTermDue: day(t.nearTermDue),
      longTermValue: t.longTermValue,
      longTermDue: day(t.longTermDue),
    })),
    problems: problems.map((p) => ({
      enterprise: p.row.scope === 'individual' ? p.enterprise : null,
      aspectLabel: ASPECT_ZH[p.row.aspect] ?? p.row.aspect,
      title: p.row.title,
      description: [p.row.description, p.row.manifestation].filter((x) => x?.trim()).join('；'),
      causeTypeLabels: p.row.causeTypes.map((c) => CAUSE_ZH[c] ?? c),
      cause: p.row.cause ?? '',
      priority: p.row.priority,
    })),
    problemDistribution: text('problem_distribution'),
    potential: text('potential'),
    statusAnalysis,
    options: reportOptions,
    feasibility: text('feasibility'),
    implementation: text('implementation'),
    performance: {
      noLowCostBelow_wanYuan: performance.settings.noLowCostBelow_wanYuan,
      table72: performance.table72,
      table73: performance.table73,
      narrative: text('performance'),
      targetsNotAssessed: performance.targetsNotAssessed.map((t) => ({
        indicator: t.indicator,
        reason: t.reason,
      })),
    },
    planTasks: tasks.map((t) => ({
      categoryLabel: PLAN_CATEGORY_ZH[t.category] ?? t.category,
      task: t.task,
      responsibleUnit: t.responsibleUnit,
      deadline: day(t.deadline) ?? '',
      expectedResult: t.expectedResult,
      statusLabel: PLAN_STATUS_ZH[t.status] ?? t.status,
    })),
    evidence: evidenceChapter,
  };
}

export interface AuditReportFile {
  bytes: Uint8Array;
  fileName: string;
  headers: Record<string, string>;
}

/** The report as a .docx download: data (permission checked) → documents → bytes and headers. */
export async function auditReportDocx(
  ctx: ServiceContext,
  deps: ReportDeps,
  auditId: string,
  opts: RenderReportOptions = {},
): Promise<AuditReportFile> {
  const data = await auditReportData(ctx, deps, auditId, { drawCharts: true });
  const bytes = await renderAuditReport(data, opts);
  const fileName = `${data.title}.docx`;
  return {
    bytes,
    fileName,
    headers: {
      'content-type': DOCX_CONTENT_TYPE,
      'content-length': String(bytes.byteLength),
      'content-disposition': contentDisposition(fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    },
  };
}
