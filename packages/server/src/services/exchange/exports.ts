/**
 * List exports (.xlsx): the same lists the API serves (the list services are called, so the rows and their scope are
 * exactly the API's), every page of them, with Chinese headers naming units and number formats.
 *
 * Streamed: the workbook is written to the answer as the pages are read (the documents package's
 * `streamListWorkbook`), one page of 500 rows at a time, so a province-wide list never sits whole in memory. The
 * first page is read before the answer starts, so that what refuses the export (scope, an unknown audit) is still an
 * error answer with its code; a failure later can only cut the download short.
 */

import { PassThrough, type Readable } from 'node:stream';
import {
  type AuditExportList,
  listAuditEnterprisesQuery,
  listAuditTargetsQuery,
  listEnterprisesQuery,
  optionListQuery,
} from '@cpaudit/contract';
import { type ListColumn, NUM_FMT, streamListWorkbook } from '@cpaudit/documents';
import { loadAuditAccess } from '../audits/access.ts';
import { listEnterprises as listAuditEnterprises } from '../audits/enterprises.ts';
import { listTargets } from '../audits/targets.ts';
import type { ServiceContext } from '../context.ts';
import { listAuditOptions, listEvidenceOfOptions } from '../options/index.ts';
import { listEnterprises } from '../organisations/enterprises.ts';

const PAGE = 500;

/** A list export: its file name and the .xlsx bytes as they are written. */
export interface ListFile {
  fileName: string;
  stream: Readable;
}

/** The pages of a paged list: the first read now (its total, its refusals), the others as they are asked for. */
async function pages<T>(
  fetch: (limit: number, offset: number) => Promise<{ items: T[]; total: number }>,
): Promise<{ total: number; batches: AsyncGenerator<T[]> }> {
  const first = await fetch(PAGE, 0);
  async function* batches() {
    let page = first;
    let read = page.items.length;
    yield page.items;
    while (page.items.length === PAGE && read < page.total) {
      page = await fetch(PAGE, read);
      read += page.items.length;
      yield page.items;
    }
  }
  return { total: first.total, batches: batches() };
}

/** The workbook written into a stream as its batches are read. */
function streamed<T>(
  fileName: string,
  spec: { sheet: string; title: string; columns: ListColumn<T>[]; batches: AsyncIterable<readonly T[]> },
): ListFile {
  const stream = new PassThrough();
  // A failure destroys the stream with the error (the answer is cut short; the server logs it).
  streamListWorkbook(spec, stream).catch(() => undefined);
  return { fileName, stream };
}

const AUDIT_ENTERPRISE_STATUS: Record<string, string> = {
  candidate: '候选',
  selected: '入选',
  excluded: '未入选',
};
const ENTERPRISE_STATUS: Record<string, string> = { operating: '在产', suspended: '停产', closed: '关闭' };
const PERMIT_CLASS: Record<string, string> = {
  key: '重点管理',
  simplified: '简化管理',
  registration: '登记管理',
};
const OPTION_STATUS: Record<string, string> = {
  proposed: '已提出',
  screened: '已筛选',
  feasible: '可行',
  rejected: '已否决',
  implementing: '实施中',
  implemented: '已实施',
  verified: '已验证',
};
const OPTION_TYPE: Record<string, string> = {
  raw_material_substitution: '原辅料替代',
  process_equipment_retrofit: '工艺设备改造',
  process_control: '过程控制',
  energy_saving: '节能',
  resource_reuse: '资源综合利用',
  end_of_pipe: '末端治理',
  management_staff: '管理及人员',
};
const COST_CLASS: Record<string, string> = { no_low: '无/低费', mid_high: '中/高费' };
const LEVEL: Record<string, string> = { industry: '行业', enterprise: '企业' };
const EVIDENCE_KIND: Record<string, string> = {
  photo_before: '实施前照片',
  photo_after: '实施后照片',
  calculation: '计算材料',
  contract: '合同',
  invoice: '发票',
  test_report: '检测报告',
  operation_record: '运行记录',
  other: '其他',
};
const TARGET_TYPE: Record<string, string> = {
  pollutant_reduction: '减污',
  ghg_reduction: '降碳',
  resource_efficiency: '资源能源利用',
  cp_level: '清洁生产水平',
  other: '其他',
};
const COLLECTION: Record<string, string> = {
  not_started: '未开始',
  in_progress: '填报中',
  complete: '已填齐',
  submitted: '已提交',
  returned: '已退回',
};

const label = (map: Record<string, string>, v: string | null | undefined) => (v ? (map[v] ?? v) : null);

export async function exportEnterprises(ctx: ServiceContext): Promise<ListFile> {
  const { total, batches } = await pages((limit, offset) =>
    listEnterprises(ctx, listEnterprisesQuery.parse({ limit, offset })),
  );
  type R = Awaited<ReturnType<typeof listEnterprises>>['items'][number];
  const columns: ListColumn<R>[] = [
    { header: '统一社会信用代码', value: (r) => r.uscc, numFmt: NUM_FMT.text, width: 22 },
    { header: '企业名称', value: (r) => r.name, width: 32 },
    { header: '行政区划', value: (r) => r.regionName ?? r.regionCode, width: 14 },
    { header: '行业代码（GB/T 4754）', value: (r) => r.industryCode, numFmt: NUM_FMT.text },
    { header: '行业名称', value: (r) => r.industryName, width: 24 },
    { header: '所在园区', value: (r) => r.industrialParkName, width: 20 },
    { header: '排污许可管理类别', value: (r) => label(PERMIT_CLASS, r.permitClass) },
    { header: '排污许可证编号', value: (r) => r.permitNumber, numFmt: NUM_FMT.text, width: 24 },
    { header: '联系人', value: (r) => r.contactPerson },
    { header: '联系电话', value: (r) => r.contactPhone, numFmt: NUM_FMT.text },
    { header: '从业人数（人）', value: (r) => r.employees, numFmt: NUM_FMT.integer },
    { header: '成立日期', value: (r) => r.establishedOn, numFmt: NUM_FMT.date, width: 12 },
    { header: '状态', value: (r) => label(ENTERPRISE_STATUS, r.status) },
  ];
  return streamed('企业名录.xlsx', { sheet: '企业', title: `企业名录（共 ${total} 家）`, columns, batches });
}

async function enterprisesOf(ctx: ServiceContext, auditId: string) {
  const { total, batches } = await pages((limit, offset) =>
    listAuditEnterprises(ctx, auditId, listAuditEnterprisesQuery.parse({ limit, offset })),
  );
  type R = Awaited<ReturnType<typeof listAuditEnterprises>>['items'][number];
  const columns: ListColumn<R>[] = [
    { header: '统一社会信用代码', value: (r) => r.uscc, numFmt: NUM_FMT.text, width: 22 },
    { header: '企业名称', value: (r) => r.enterpriseName, width: 32 },
    { header: '行政区划', value: (r) => r.regionName ?? r.regionCode, width: 14 },
    { header: '行业代码', value: (r) => r.industryCode, numFmt: NUM_FMT.text },
    { header: '入选状态', value: (r) => label(AUDIT_ENTERPRISE_STATUS, r.status) },
    { header: '排序得分（分）', value: (r) => r.selectionScore, numFmt: '0.00' },
    { header: '数据年份', value: (r) => r.dataYears.join('、') },
    { header: '数据采集状态', value: (r) => label(COLLECTION, r.collection.status) },
    { header: '要求提交日期', value: (r) => r.dataDueOn, numFmt: NUM_FMT.date, width: 12 },
    { header: '提交日期', value: (r) => r.dataSubmittedOn, numFmt: NUM_FMT.date, width: 12 },
    { header: '备注', value: (r) => r.selectionNote, width: 30 },
  ];
  return { sheet: '审核企业', what: '审核企业名单', total, batches, columns };
}

async function optionsOf(ctx: ServiceContext, auditId: string) {
  const { total, batches } = await pages((limit, offset) =>
    listAuditOptions(ctx, auditId, optionListQuery.parse({ limit, offset })),
  );
  type R = Awaited<ReturnType<typeof listAuditOptions>>['items'][number];
  const columns: ListColumn<R>[] = [
    { header: '方案编号', value: (r) => r.code, width: 12 },
    { header: '方案名称', value: (r) => r.name, width: 36 },
    { header: '层级', value: (r) => label(LEVEL, r.level), width: 8 },
    { header: '企业', value: (r) => r.enterpriseName, width: 28 },
    { header: '方案类型', value: (r) => label(OPTION_TYPE, r.optionType), width: 14 },
    { header: '费用类别', value: (r) => label(COST_CLASS, r.costClassEffective), width: 10 },
    { header: '重点方案', value: (r) => (r.isKey ? '是' : '否'), width: 8 },
    { header: '状态', value: (r) => label(OPTION_STATUS, r.status), width: 10 },
    { header: '计划投资（万元）', value: (r) => r.investmentPlanned_wanYuan, numFmt: NUM_FMT.wanYuan },
    { header: '实际投资（万元）', value: (r) => r.investmentActual_wanYuan, numFmt: NUM_FMT.wanYuan },
    {
      header: '预期经济效益（万元/a）',
      value: (r) => r.economicBenefitExpected_wanYuanPerYear,
      numFmt: NUM_FMT.wanYuan,
    },
    {
      header: '实际经济效益（万元/a）',
      value: (r) => r.economicBenefitActual_wanYuanPerYear,
      numFmt: NUM_FMT.wanYuan,
    },
    { header: '责任单位', value: (r) => r.responsibleUnit, width: 20 },
  ];
  return { sheet: '方案', what: '清洁生产方案清单', total, batches, columns };
}

async function targetsOf(ctx: ServiceContext, auditId: string) {
  const { total, batches } = await pages((limit, offset) =>
    listTargets(ctx, auditId, listAuditTargetsQuery.parse({ limit, offset })),
  );
  type R = Awaited<ReturnType<typeof listTargets>>['items'][number];
  const columns: ListColumn<R>[] = [
    { header: '类别', value: (r) => label(TARGET_TYPE, r.type), width: 8 },
    { header: '指标', value: (r) => r.indicator, width: 30 },
    { header: '单位', value: (r) => r.unit, width: 10 },
    { header: '基准年', value: (r) => r.baselineYear, numFmt: '0', width: 8 },
    { header: '基准值', value: (r) => r.baselineValue, numFmt: NUM_FMT.quantity },
    { header: '近期目标值', value: (r) => r.nearTermValue, numFmt: NUM_FMT.quantity },
    { header: '近期完成期限', value: (r) => r.nearTermDue, numFmt: NUM_FMT.date, width: 12 },
    { header: '远期目标值', value: (r) => r.longTermValue, numFmt: NUM_FMT.quantity },
    { header: '远期完成期限', value: (r) => r.longTermDue, numFmt: NUM_FMT.date, width: 12 },
    { header: '实际完成值', value: (r) => r.achievedValue, numFmt: NUM_FMT.quantity },
    { header: '涉及企业（家）', value: (r) => r.enterprises.length, numFmt: NUM_FMT.integer },
    { header: '完成情况说明', value: (r) => r.achievementNote, width: 30 },
  ];
  return { sheet: '目标', what: '清洁生产目标', total, batches, columns };
}

async function evidenceOf(ctx: ServiceContext, auditId: string) {
  const options = (limit: number, offset: number) =>
    listAuditOptions(ctx, auditId, optionListQuery.parse({ limit, offset }));
  type Option = Awaited<ReturnType<typeof listAuditOptions>>['items'][number];
  type Evidence = Awaited<ReturnType<typeof listEvidenceOfOptions>>[number];
  // The options' evidence a page of options at a time (one query per page): counted in a first pass for the
  // title, then read again as the workbook is written.
  let total = 0;
  for await (const page of (await pages(options)).batches) {
    total += (
      await listEvidenceOfOptions(
        ctx,
        page.map((o) => o.id),
      )
    ).length;
  }
  const first = await pages(options);
  async function* batches() {
    for await (const page of first.batches) {
      // In the list's order of the options, each option's evidence in upload order.
      const of = new Map<string, Evidence[]>();
      for (const e of await listEvidenceOfOptions(
        ctx,
        page.map((o) => o.id),
      )) {
        of.set(e.optionId, [...(of.get(e.optionId) ?? []), e]);
      }
      yield page.flatMap((option) => (of.get(option.id) ?? []).map((e) => ({ option, e })));
    }
  }
  type R = { option: Option; e: Evidence };
  const columns: ListColumn<R>[] = [
    { header: '方案编号', value: (r) => r.option.code, width: 12 },
    { header: '方案名称', value: (r) => r.option.name, width: 32 },
    { header: '企业', value: (r) => r.option.enterpriseName, width: 26 },
    { header: '佐证类别', value: (r) => label(EVIDENCE_KIND, r.e.kind), width: 12 },
    { header: '标题', value: (r) => r.e.title, width: 30 },
    { header: '文件名', value: (r) => r.e.fileName, width: 30 },
    { header: '文件类型', value: (r) => r.e.contentType, width: 18 },
    { header: '大小（KB）', value: (r) => Math.round((r.e.sizeBytes / 1024) * 10) / 10, numFmt: '#,##0.0' },
    { header: '上传时间', value: (r) => r.e.uploadedAt.slice(0, 19).replace('T', ' '), width: 20 },
    { header: 'SHA-256', value: (r) => r.e.sha256, numFmt: NUM_FMT.text, width: 20 },
    { header: '备注', value: (r) => r.e.note, width: 24 },
  ];
  return { sheet: '佐证材料', what: '方案佐证材料索引', total, batches: batches(), columns };
}

export async function exportAuditList(
  ctx: ServiceContext,
  auditId: string,
  list: AuditExportList,
): Promise<ListFile> {
  const { audit } = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const spec =
    list === 'enterprises'
      ? await enterprisesOf(ctx, auditId)
      : list === 'options'
        ? await optionsOf(ctx, auditId)
        : list === 'targets'
          ? await targetsOf(ctx, auditId)
          : await evidenceOf(ctx, auditId);
  return streamed(`${spec.what}-${audit.title}.xlsx`, {
    sheet: spec.sheet,
    title: `${audit.title} — ${spec.what}（共 ${spec.total} 条）`,
    columns: spec.columns as ListColumn<unknown>[],
    batches: spec.batches as AsyncIterable<unknown[]>,
  });
}
