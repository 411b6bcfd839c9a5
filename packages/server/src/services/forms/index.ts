/**
 * The Guangdong performance form (《广东省强制性清洁生产审核绩效表》) of a mandatory audit as a file. The data comes
 * from the existing services, so the form shows what the API shows: `getMandatoryAudit` (permission: who may read
 * the audit, else 404; the pre-filled basic information, the judgement fields, the targets, the evaluations) and
 * `mandatoryPerformance` (the core's `aggregateGuangdongForm` with the grid factor of the enterprise's province
 * and the data year, 注13–15). The key options of 本轮清洁生产重点方案简介 are the audit's options marked 重点方案
 * (not rejected), with their benefits as entered. Nothing is computed here: the documents package lays it out.
 */
import type { MandatoryAuditView } from '@cpaudit/contract';
import {
  type GdFormCpLevelSide,
  type GdFormKeyOption,
  type GuangdongFormData,
  renderGuangdongFormDocx,
  renderGuangdongFormXlsx,
} from '@cpaudit/documents';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { BENEFIT_ITEMS, cpOptions, optionBenefits } from '../../db/index.ts';
import { contentDisposition, sanitizeFileName } from '../../storage/filename.ts';
import type { ServiceContext } from '../context.ts';
import { getMandatoryAudit } from '../mandatory/index.ts';
import { mandatoryPerformance } from '../options/index.ts';

export const FORM_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type FormFormat = keyof typeof FORM_CONTENT_TYPES;

const ITEM_ZH: ReadonlyMap<string, string> = new Map(BENEFIT_ITEMS.map((i) => [i.code, i.zh]));
const GRADE_ZH: Readonly<Record<string, string>> = { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', unrated: '未达Ⅲ级' };

function quantityText(q: number): string {
  return q.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** 环境效益 of a key option: its text when written, else its benefit lines (actual when any, else expected). */
function benefitText(
  written: string | null,
  lines: readonly { basis: string; itemCode: string; name: string | null; quantity: number; unit: string }[],
): string | null {
  if (written) return written;
  const actual = lines.filter((l) => l.basis === 'actual');
  const chosen = actual.length > 0 ? actual : lines.filter((l) => l.basis === 'expected');
  // The CO2 of savings is the core's (note 13): the form shows it in the summary, not per option.
  const shown = chosen.filter((l) => !l.itemCode.startsWith('co2.'));
  if (shown.length === 0) return null;
  return shown
    .map((l) => `${l.name ?? ITEM_ZH.get(l.itemCode) ?? l.itemCode} ${quantityText(l.quantity)} ${l.unit}`)
    .join('；');
}

async function keyOptions(ctx: ServiceContext, mandatoryAuditId: string): Promise<GdFormKeyOption[]> {
  const rows = await ctx.db
    .select()
    .from(cpOptions)
    .where(
      and(
        eq(cpOptions.mandatoryAuditId, mandatoryAuditId),
        eq(cpOptions.isKey, true),
        ne(cpOptions.status, 'rejected'),
      ),
    )
    .orderBy(asc(cpOptions.sortOrder), asc(cpOptions.code), asc(cpOptions.createdAt), asc(cpOptions.id));
  const ids = rows.map((r) => r.id);
  const benefits =
    ids.length === 0
      ? []
      : await ctx.db.select().from(optionBenefits).where(inArray(optionBenefits.optionId, ids));
  return rows.map((o) => {
    const economic = o.economicBenefitActual_wanYuanPerYear ?? o.economicBenefitExpected_wanYuanPerYear;
    return {
      name: o.name,
      category: o.gdCategory,
      keyPoints: o.keyPoints,
      environmentalBenefit: benefitText(
        o.environmentalBenefitText,
        benefits.filter((b) => b.optionId === o.id),
      ),
      economicBenefit:
        o.economicBenefitText ?? (economic === null ? null : `${quantityText(economic)} 万元/年`),
      investmentActual_wanYuan: o.investmentActual_wanYuan,
    };
  });
}

/** 综合评价指数 of the grade reached (Y_Ⅰ for Ⅰ级, …; Y_Ⅲ when below Ⅲ级) and the grade. */
function cpSide(e: MandatoryAuditView['evaluationBefore']): GdFormCpLevelSide | null {
  if (e === null) return null;
  const index = e.grade === 'I' ? e.yI : e.grade === 'II' ? e.yII : e.yIII;
  return { index, grade: e.grade === null ? null : (GRADE_ZH[e.grade] ?? e.grade) };
}

/**
 * The core's totals with the grid factor of the data year (注13: 当年). When that year's factor is not published
 * yet, the performance view takes the newest earlier one (`earlierYearsBack`); the form says so in Chinese
 * under the notes.
 */
async function performanceFor(ctx: ServiceContext, mandatoryAuditId: string, dataYear: number) {
  const p = await mandatoryPerformance(ctx, mandatoryAuditId, {});
  if (p.gridFactor.dataYear >= dataYear) return p;
  const note = `${dataYear}年因子未发布，采用${p.gridFactor.dataYear}年因子`;
  return { ...p, gridFactor: { ...p.gridFactor, note } };
}

/** Everything the form shows for a mandatory audit the actor may read (NOT_FOUND otherwise). */
export async function mandatoryFormData(
  ctx: ServiceContext,
  mandatoryAuditId: string,
): Promise<GuangdongFormData> {
  const view = await getMandatoryAudit(ctx, mandatoryAuditId);
  const performance = await performanceFor(ctx, mandatoryAuditId, view.dataYear);
  const info = view.basicInfo;
  return {
    enterpriseName: info.enterpriseName,
    address: info.address,
    industryCode: info.industryCode,
    industryGroup: info.industryGroup
      ? { code: info.industryGroup.code, name: info.industryGroup.name }
      : null,
    dataYear: info.dataYear,
    grossOutput_wanYuan: info.grossOutput_wanYuan,
    valueAdded_wanYuan: info.valueAdded_wanYuan,
    inIndustrialPark: info.inIndustrialPark,
    industrialParkName: info.industrialParkName,
    keyMonitoringUnit: info.keyMonitoringUnit,
    keyMonitoringTypes: info.keyMonitoringTypes,
    permitClass: info.permitClass,
    auditMethod: view.auditMethod,
    listingReasons: view.listingReasons,
    listingReasonOther: view.listingReasonOther,
    round: view.round,
    lastAcceptanceYear: view.lastAcceptanceYear,
    lastAcceptanceMonth: view.lastAcceptanceMonth,
    cpLeadName: view.cpLeadName,
    cpLeadPhone: view.cpLeadPhone,
    consultingFirmName: view.consultingFirmName,
    consultantContactName: view.consultantContactName,
    consultantContactPhone: view.consultantContactPhone,
    startedOn: view.startedOn,
    finishedOn: view.finishedOn,
    trainingEvents: view.trainingEvents,
    trainingAttendance: view.trainingAttendance,
    products: info.products.map((p) => ({ name: p.name, output: p.output, unit: p.unit })),
    auditFocus: view.auditFocus,
    keyOptions: await keyOptions(ctx, mandatoryAuditId),
    targets: view.targets.map((t) => ({
      indicator: t.indicator,
      unit: t.unit,
      before: t.beforeValue,
      after: t.afterValue,
      nearTermTarget: t.nearTermTarget,
    })),
    totals: performance.totals,
    gridFactor: performance.gridFactor,
    cpLevel: {
      before: cpSide(view.evaluationBefore),
      after: cpSide(view.evaluationAfter),
      remark: view.cpLevelRemark,
      description: view.cpLevelDescription,
    },
    filledByName: view.filledByName,
    filledOn: view.filledOn,
  };
}

/** The file name of the form: 广东省强制性清洁生产审核绩效表-<enterprise>-<data year>.<ext>. */
export function formFileName(
  data: Pick<GuangdongFormData, 'enterpriseName' | 'dataYear'>,
  format: FormFormat,
) {
  const name = data.enterpriseName.replace(/[\\/]/g, '_');
  return sanitizeFileName(`广东省强制性清洁生产审核绩效表-${name}-${data.dataYear}.${format}`);
}

export interface FormFile {
  bytes: Uint8Array;
  fileName: string;
  headers: Record<string, string>;
}

/** The form of a mandatory audit as .xlsx or .docx bytes with the download headers. */
export async function mandatoryFormFile(
  ctx: ServiceContext,
  mandatoryAuditId: string,
  format: FormFormat,
): Promise<FormFile> {
  const data = await mandatoryFormData(ctx, mandatoryAuditId);
  const bytes = format === 'xlsx' ? await renderGuangdongFormXlsx(data) : await renderGuangdongFormDocx(data);
  const fileName = formFileName(data, format);
  return {
    bytes,
    fileName,
    headers: {
      'content-type': FORM_CONTENT_TYPES[format],
      'content-length': String(bytes.byteLength),
      'content-disposition': contentDisposition(fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    },
  };
}
