/** Chinese labels of the schema's enumerations as the industry audit report prints them. */

/** Appendix B 2.3: the five phases, in order. */
export const PHASE_ZH = {
  preparation: '审核准备阶段',
  audit: '审核阶段',
  options: '方案产生和确定阶段',
  implementation: '方案实施阶段',
  evaluation: '绩效评价和持续清洁生产阶段',
} as const;

export const AUDIT_STATUS_ZH: Readonly<Record<string, string>> = {
  planning: '计划中',
  preparation: '审核准备',
  audit: '审核',
  options: '方案产生和确定',
  implementation: '方案实施',
  evaluation: '绩效评估和持续清洁生产',
  closed: '已完成',
  cancelled: '已撤销',
};

export const PANEL_ROLE_ZH: Readonly<Record<string, string>> = {
  leader: '组长',
  deputy_leader: '副组长',
  member: '成员',
  expert: '技术专家',
  secretary: '秘书',
};

export const ENTERPRISE_STATUS_ZH: Readonly<Record<string, string>> = {
  candidate: '候选',
  selected: '入选',
  excluded: '未入选',
};

export const DATA_STATUS_ZH: Readonly<Record<string, string>> = {
  not_requested: '未要求',
  requested: '已下发',
  in_progress: '填报中',
  submitted: '已提交',
  returned: '已退回',
  accepted: '已接收',
};

export const TRAINING_KIND_ZH: Readonly<Record<string, string>> = {
  publicity: '宣传动员',
  training: '专业培训',
};

export const SURVEY_CHECK_ZH: Readonly<Record<string, string>> = {
  raw_materials: '原辅材料',
  process_equipment: '工艺装备',
  operation: '生产运行',
  treatment_facilities: '治理设施',
  staff_interviews: '员工访谈',
  opportunities: '清洁生产机会',
};

/** 3.2 行业基本情况: the status-analysis sections printed there, in order, with their sub-headings. */
export const STATUS_SECTIONS = [
  ['industry_status', '主要生产工艺及装备、原辅材料、资源能源利用、污染物排放、环境管理'],
  ['policy_compliance', '政策法规符合性'],
  ['cp_level', '清洁生产水平'],
  ['standards_comparison', '排放标准和能耗限额对标'],
  ['resource_efficiency', '资源能源利用效率'],
  ['pollutant_intensity', '污染物产排强度'],
  ['ghg', '温室气体排放'],
  ['gap_to_advanced', '与先进水平的差距'],
] as const;

export const ORIENTATION_ZH: Readonly<Record<string, string>> = {
  pollutant_reduction: '污染物减排',
  ghg_reduction: '温室气体减排',
  resource_efficiency: '资源能源利用',
  industry_chain: '产业链协同',
  management_compliance: '管理与合规',
};

export const TARGET_TYPE_ZH: Readonly<Record<string, string>> = {
  pollutant_reduction: '污染物减排',
  ghg_reduction: '温室气体减排',
  resource_efficiency: '资源能源利用',
  cp_level: '清洁生产水平提升',
  other: '其他',
};

export const ASPECT_ZH: Readonly<Record<string, string>> = {
  process_equipment: '工艺装备',
  pollutant: '污染物产排',
  ghg: '温室气体排放',
  resource_use: '资源能源利用',
  management: '管理',
  raw_materials_energy: '原辅材料和能源',
  production_process: '生产过程',
  waste: '废弃物',
  staff: '员工',
};

/** Appendix B 5.2. */
export const CAUSE_ZH: Readonly<Record<string, string>> = {
  technical: '技术原因',
  management: '管理原因',
  policy: '政策机制原因',
};

/** Appendix B 6.1 note. */
export const OPTION_TYPE_ZH: Readonly<Record<string, string>> = {
  raw_material_substitution: '原辅料替代',
  process_equipment_retrofit: '工艺设备改造',
  process_control: '过程控制',
  energy_saving: '节能',
  resource_reuse: '资源综合利用',
  end_of_pipe: '末端治理',
  management_staff: '管理及人员',
};

export const OPTION_STATUS_ZH: Readonly<Record<string, string>> = {
  proposed: '已提出',
  screened: '已筛选',
  feasible: '可行',
  rejected: '已否决',
  implementing: '实施中',
  implemented: '已实施',
  verified: '已核实',
};

export const PLAN_CATEGORY_ZH: Readonly<Record<string, string>> = {
  management_system: '管理制度建设',
  industry_promotion: '行业持续推动',
  cycle_linkage: '审核周期衔接',
  other: '其他',
};

export const PLAN_STATUS_ZH: Readonly<Record<string, string>> = {
  planned: '计划',
  in_progress: '进行中',
  done: '已完成',
  cancelled: '已取消',
};
