/**
 * The basic-information block of the Guangdong performance form (《广东省强制性清洁生产审核绩效表》 企业基本情况),
 * pre-filled from what the platform holds:
 * - 企业名称, 生产经营场所地址, 工业园区 [4], 环境监管重点单位 [5], 排污许可管理类别 [6]: the enterprise profile;
 * - 行业代码及类别 [1]: the enterprise's GB/T 4754-2017 code and its 中类 (core `industryGroupOf`, note 1:
 *   原则上需填中类代码及其类别名称);
 * - 年工业总产值 [2], 年工业增加值 [3]: annual data `economy.gross_output`, `economy.value_added` of the data year
 *   (上年度), converted to 万元 by the core's units;
 * - 主要产品及年产量 [7]: the profile's products with the annual `product.*` outputs of the data year.
 */
import type { MandatoryFormBasicInfo } from '@cpaudit/contract';
import { convertValue, industryGroupOf, isCpError } from '@cpaudit/core';
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  annualSubmissions,
  annualValues,
  type Db,
  type Enterprise,
  enterpriseProducts,
} from '../../db/index.ts';

const SUBMISSION_ZH: Readonly<Record<string, string>> = {
  draft: '草稿（尚未提交）',
  submitted: '已提交（待审核）',
  returned: '已退回',
  accepted: '已审核通过',
};

/** The quantity in 万元, or null with a note when the unit is not money. */
function wanYuan(
  row: { quantity: number; unit: string } | undefined,
  what: string,
  notes: string[],
): number | null {
  if (row === undefined) return null;
  try {
    return convertValue(row.quantity, row.unit, '万元');
  } catch (e) {
    if (!isCpError(e)) throw e;
    notes.push(`${what}的单位“${row.unit}”不是金额单位，未填入`);
    return null;
  }
}

export async function formBasicInfo(
  db: Db,
  enterprise: Enterprise,
  dataYear: number,
): Promise<MandatoryFormBasicInfo> {
  const notes: string[] = [];
  let industryGroup: MandatoryFormBasicInfo['industryGroup'] = null;
  try {
    industryGroup = industryGroupOf(enterprise.industryCode);
  } catch (e) {
    if (!isCpError(e)) throw e;
    notes.push(`行业代码 ${enterprise.industryCode}：${e.message}（注1 需中类代码及名称）`);
  }

  const [values, products, submissions] = await Promise.all([
    db
      .select({
        itemCode: annualValues.itemCode,
        name: annualValues.name,
        quantity: annualValues.quantity,
        unit: annualValues.unit,
      })
      .from(annualValues)
      .where(
        and(
          eq(annualValues.enterpriseId, enterprise.id),
          eq(annualValues.year, dataYear),
          inArray(annualValues.category, ['economy', 'product']),
        ),
      )
      .orderBy(asc(annualValues.itemCode)),
    db
      .select()
      .from(enterpriseProducts)
      .where(eq(enterpriseProducts.enterpriseId, enterprise.id))
      .orderBy(asc(enterpriseProducts.sortOrder), asc(enterpriseProducts.name)),
    db
      .select({ status: annualSubmissions.status })
      .from(annualSubmissions)
      .where(and(eq(annualSubmissions.enterpriseId, enterprise.id), eq(annualSubmissions.year, dataYear))),
  ]);

  const submission = submissions[0];
  if (submission === undefined) {
    notes.push(`${dataYear}年度尚无年度数据：年工业总产值、年工业增加值、主要产品产量待填报`);
  } else if (submission.status !== 'accepted') {
    notes.push(
      `${dataYear}年度数据状态：${SUBMISSION_ZH[submission.status] ?? submission.status}，数值可能仍会修改`,
    );
  }
  const byCode = new Map(values.map((v) => [v.itemCode, v]));
  const grossOutput = wanYuan(byCode.get('economy.gross_output'), '年工业总产值', notes);
  const valueAdded = wanYuan(byCode.get('economy.value_added'), '年工业增加值', notes);
  if (submission !== undefined && grossOutput === null) notes.push(`${dataYear}年度未填报工业总产值`);
  if (submission !== undefined && valueAdded === null) notes.push(`${dataYear}年度未填报工业增加值`);

  // Products of the profile, each with the annual output of the same name; then outputs without a profile row.
  const outputs = values.filter((v) => v.itemCode.startsWith('product.'));
  const used = new Set<string>();
  const list: MandatoryFormBasicInfo['products'] = products.map((p) => {
    const out = outputs.find((o) => !used.has(o.itemCode) && (o.name ?? '') === p.name);
    if (out) used.add(out.itemCode);
    return {
      name: p.name,
      output: out?.quantity ?? null,
      unit: out?.unit ?? null,
      itemCode: out?.itemCode ?? null,
      capacity: p.capacity,
      capacityUnit: p.capacityUnit,
    };
  });
  for (const o of outputs) {
    if (used.has(o.itemCode)) continue;
    list.push({
      name: o.name ?? o.itemCode.slice('product.'.length),
      output: o.quantity,
      unit: o.unit,
      itemCode: o.itemCode,
      capacity: null,
      capacityUnit: null,
    });
  }
  if (list.length === 0) notes.push('未登记主要产品');

  return {
    enterpriseId: enterprise.id,
    enterpriseName: enterprise.name,
    uscc: enterprise.uscc,
    address: enterprise.address,
    industryCode: enterprise.industryCode,
    industryGroup,
    dataYear,
    grossOutput_wanYuan: grossOutput,
    valueAdded_wanYuan: valueAdded,
    inIndustrialPark: enterprise.industrialParkName !== null,
    industrialParkName: enterprise.industrialParkName,
    keyMonitoringUnit: enterprise.keyMonitoringTypes.length > 0,
    keyMonitoringTypes: enterprise.keyMonitoringTypes,
    permitClass: enterprise.permitClass,
    products: list,
    notes,
  };
}
