/**
 * What the audit log's codes mean to a reader: its actions and the tables it records (db/schema), in both
 * languages. A code without a label (a table added later) is shown as it is.
 */
import type { Locale } from '../../i18n/messages.ts';

const ACTIONS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  insert: ['新增', 'Added'],
  update: ['修改', 'Changed'],
  delete: ['删除', 'Deleted'],
  login: ['登录', 'Signed in'],
  logout: ['退出登录', 'Signed out'],
  login_failed: ['登录失败', 'Sign-in failed'],
  export: ['导出', 'Exported'],
};

const TABLES: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  annual_submissions: ['年度数据报送', 'annual data submission'],
  annual_values: ['年度数据', 'annual value'],
  audit_analysis_sections: ['现状分析章节', 'status analysis section'],
  audit_enterprises: ['审核企业名单', 'audit enterprise list'],
  audit_focuses: ['审核重点', 'audit focus'],
  audit_panel_members: ['审核小组成员', 'audit panel member'],
  audit_phases: ['审核阶段', 'audit phase'],
  audit_problems: ['共性/个性问题', 'audit problem'],
  audit_reference_snapshots: ['参照数据快照', 'reference snapshot'],
  audit_target_enterprises: ['目标涉及企业', 'target enterprise'],
  audit_targets: ['清洁生产目标', 'audit target'],
  audit_training_attendance: ['培训签到', 'training attendance'],
  audit_trainings: ['培训', 'training'],
  bureaus: ['生态环境部门', 'bureau'],
  compliance_facts: ['达标情况', 'compliance fact'],
  consulting_engagements: ['咨询服务关系', 'consulting engagement'],
  consulting_firms: ['咨询机构', 'consulting firm'],
  cp_options: ['清洁生产方案', 'cleaner production option'],
  cp_plan_tasks: ['审核计划任务', 'plan task'],
  enterprise_equipment: ['企业设备', 'enterprise equipment'],
  enterprise_processes: ['企业工艺', 'enterprise process'],
  enterprise_products: ['企业产品', 'enterprise product'],
  enterprises: ['企业', 'enterprise'],
  evaluation_values: ['评价指标值', 'evaluation value'],
  evaluations: ['清洁生产水平评价', 'evaluation'],
  expert_assignments: ['专家指派', 'expert assignment'],
  indicator_systems: ['评价指标体系', 'indicator system'],
  indicators: ['评价指标', 'indicator'],
  industry_audits: ['行业审核', 'industry audit'],
  mandatory_audit_targets: ['强制性审核目标', 'mandatory audit target'],
  mandatory_audits: ['强制性审核', 'mandatory audit'],
  monitoring_samples: ['监测数据', 'monitoring sample'],
  option_benefits: ['方案效益', 'option benefit'],
  option_evidence: ['方案佐证材料', 'option evidence'],
  option_problems: ['方案对应问题', 'option problem'],
  option_reviews: ['方案评审', 'option review'],
  process_balances: ['物料/水平衡', 'process balance'],
  regions: ['行政区划', 'region'],
  session: ['登录会话', 'session'],
  settings: ['平台设置', 'setting'],
  site_surveys: ['现场调研', 'site survey'],
  standards: ['排放标准', 'standard'],
  treatment_facilities: ['治理设施', 'treatment facility'],
  user_roles: ['用户角色', 'user role'],
  users: ['用户', 'user'],
};

function pick(labels: readonly [string, string] | undefined, locale: Locale): string | undefined {
  return labels === undefined ? undefined : locale === 'en' ? labels[1] : labels[0];
}

/** The action in the reader's language (the code when unknown). */
export function actionLabel(action: string, locale: Locale): string {
  return pick(ACTIONS[action], locale) ?? action;
}

/** The table in the reader's language, with its code (the code alone when unknown). */
export function entityLabel(entity: string, locale: Locale): string {
  const label = pick(TABLES[entity], locale);
  if (label === undefined) return entity;
  return locale === 'en' ? `${label} (${entity})` : `${label}（${entity}）`;
}
