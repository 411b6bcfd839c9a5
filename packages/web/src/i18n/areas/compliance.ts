/**
 * Messages of the status analysis (现状分析, issue 8): the audit workspace's status-analysis section, the admin's
 * standards page and the enterprise's monitoring data and compliance page. Keys are prefixed `compliance.`;
 * written once as [中文, English] pairs.
 */
const M = {
  'compliance.menu.standards': ['排放标准与能耗限额', 'Standards'],
  'compliance.menu.enterprise': ['监测数据与达标', 'Monitoring and compliance'],

  // Status analysis (audit workspace)
  'compliance.status.title': [
    '现状分析：达标情况、环境保护税与清洁生产潜力',
    'Status analysis: compliance, environmental tax and potential',
  ],
  'compliance.status.intro': [
    '按适用的排放标准判定各企业监测浓度（需要时折算为基准水量排放浓度），核对总量指标，统计“双超”“双有”“高耗能”企业，计算环境保护税，并按评价指标体系测算全部企业达到Ⅱ级、Ⅰ级水平的削减潜力（指南 7.2.1.3）。',
    'Each enterprise’s measured concentrations are judged against the applicable emission standard (converted to the benchmark drainage volume where required), total-load quotas are checked, 双超/双有/高耗能 enterprises counted, the environmental tax computed, and the potential if every enterprise reached level II or I quantified (guideline 7.2.1.3).',
  ],
  'compliance.status.year': ['数据年份', 'Data year'],
  'compliance.status.enterprises': ['企业数', 'Enterprises'],
  'compliance.status.withExceedances': ['有超标的企业', 'With exceedances'],
  'compliance.status.doubleExceed': ['双超', '双超 (over standard or quota)'],
  'compliance.status.doubleToxic': ['双有', '双有 (toxic materials or discharges)'],
  'compliance.status.highEnergy': ['高耗能', '高耗能 (over energy limit)'],
  'compliance.status.taxTotal': ['环境保护税合计（万元/年）', 'Environmental tax, total (万元/a)'],
  'compliance.status.enterprise': ['企业', 'Enterprise'],
  'compliance.status.checks': ['判定项数', 'Checks'],
  'compliance.status.exceedances': ['超标项', 'Exceedances'],
  'compliance.status.none': ['无', 'None'],
  'compliance.status.tax': ['环境保护税（万元/年）', 'Environmental tax (万元/a)'],
  'compliance.status.conditions': ['强制性审核情形', 'Mandatory-audit conditions'],
  'compliance.status.quotaExceeded': ['超总量', 'Over quota'],
  'compliance.status.notChecked': ['未判定', 'Not checked'],
  'compliance.status.exceedanceDetail': [
    '{point}「{pointName}」{pollutant}：实测 {measured} {unit}，折算 {converted}，限值 {limit}（{standard} {table}，{clause}）',
    '{point} “{pointName}” {pollutant}: measured {measured} {unit}, converted {converted}, limit {limit} ({standard} {table}, {clause})',
  ],
  'compliance.point.workshop': ['车间或生产设施排放口', 'Workshop outlet'],
  'compliance.point.total': ['企业总排放口', 'Total outlet'],
  'compliance.potential.prices': ['当地单价（估算经济效益）', 'Local prices (for the money figures)'],
  'compliance.potential.priceWater': ['水 元/m³', 'Water 元/m³'],
  'compliance.potential.priceElectricity': ['电 元/kWh', 'Electricity 元/kWh'],
  'compliance.potential.priceEnergy': ['能源 元/tce', 'Energy 元/tce'],
  'compliance.potential.dash': [
    '“—”表示未测算出节约量：评价指标体系没有相应的定量指标、全部企业已达到该水平，或未给出单价（经济效益）。',
    '“—”: nothing quantified: the indicator system has no such quantitative indicator, every enterprise already meets the level, or no price was given (money).',
  ],
  'compliance.potential.title': ['清洁生产潜力', 'Cleaner production potential'],
  'compliance.potential.level': ['目标水平', 'Level'],
  'compliance.potential.levelII': ['全部达到Ⅱ级', 'All at level II'],
  'compliance.potential.levelI': ['全部达到Ⅰ级', 'All at level I'],
  'compliance.potential.none': ['未测算潜力：{note}', 'No potential computed: {note}'],
  'compliance.potential.water': ['节水（m³/年）', 'Water saved (m³/a)'],
  'compliance.potential.energy': ['节能（tce/年）', 'Energy saved (tce/a)'],
  'compliance.potential.co2': ['减碳（tCO2/年）', 'CO2 avoided (tCO2/a)'],
  'compliance.potential.materials': ['节约原料（t/年）', 'Materials saved (t/a)'],
  'compliance.potential.money': ['经济效益（万元/年）', 'Economic benefit (万元/a)'],
  'compliance.potential.byIndicator': ['按指标', 'By indicator'],
  'compliance.potential.byEnterprise': ['按企业（排序）', 'By enterprise (ranked)'],
  'compliance.potential.rank': ['排名', 'Rank'],
  'compliance.potential.saved': ['削减量', 'Saved'],
  'compliance.potential.item': ['项目', 'Item'],
  'compliance.potential.worse': ['未达到的企业数', 'Enterprises below'],
  'compliance.potential.targets': ['建议的清洁生产目标', 'Proposed targets'],
  'compliance.potential.createTarget': ['设为审核目标', 'Create target'],
  'compliance.potential.targetCreated': ['已创建目标', 'Target created'],
  'compliance.potential.current': ['现状', 'Current'],
  'compliance.potential.reduction': ['削减', 'Reduction'],
  'compliance.potential.percent': ['削减比例（%）', 'Reduction (%)'],
  'compliance.potential.chartIndicator': ['各指标的节约潜力', 'Potential by indicator'],
  'compliance.potential.chartEnterprise': [
    '各企业的经济效益潜力（万元/年）',
    'Economic potential by enterprise (万元/a)',
  ],

  // Avoided tax of an option (Guangdong form note 15)
  'compliance.tax.title': ['减少的环境保护税（注15）', 'Avoided environmental tax (note 15)'],
  'compliance.tax.intro': [
    '按方案的污染物削减量和企业所在地税额计算；经济效益已含排污税时保持关闭，未含时打开，由平台加入经济效益（不重复计算）。',
    'From the option’s pollutant reductions and the local tax rate. Leave off when the economic benefit entered already includes the tax; switch on to have it added (never counted twice).',
  ],
  'compliance.tax.avoided': ['减少的环境保护税（万元/年）', 'Avoided tax (万元/a)'],
  'compliance.tax.rates': ['税额（元/污染当量，水/气）', 'Rates (元 per equivalent, water/air)'],
  'compliance.tax.reductions': ['计税的削减量', 'Taxable reductions'],
  'compliance.tax.add': ['加入经济效益', 'Add to the economic benefit'],
  'compliance.tax.counted': ['计入绩效表的经济效益（万元/年）', 'Economic benefit counted (万元/a)'],

  // Standards (admin)
  'compliance.std.title': ['排放标准与能耗限额标准', 'Emission standards and energy limits'],
  'compliance.std.intro': [
    '标准以数据形式维护：限值表、适用条件、基准排水量、来源和核实状态。修改会生成新版本，旧版本标记为“已替代”。',
    'Standards are data: limit tables, when they apply, benchmark drainage, sources and verification status. An edit creates a new revision and supersedes the old one.',
  ],
  'compliance.std.code': ['标准号', 'Code'],
  'compliance.std.name': ['名称', 'Title'],
  'compliance.std.kind': ['类别', 'Kind'],
  'compliance.std.kind.emission': ['污染物排放标准', 'Emission standard'],
  'compliance.std.kind.energy': ['能耗限额', 'Energy limit'],
  'compliance.std.revision': ['版本', 'Revision'],
  'compliance.std.validity': ['有效期', 'Validity'],
  'compliance.std.status': ['状态', 'Status'],
  'compliance.std.status.draft': ['草稿', 'Draft'],
  'compliance.std.status.active': ['现行', 'Active'],
  'compliance.std.status.superseded': ['已替代', 'Superseded'],
  'compliance.std.status.withdrawn': ['已废止', 'Withdrawn'],
  'compliance.std.builtIn': ['内置', 'Built-in'],
  'compliance.std.limits': ['限值数', 'Limits'],
  'compliance.std.view': ['查看', 'View'],
  'compliance.std.edit': ['编辑（JSON）', 'Edit (JSON)'],
  'compliance.std.add': ['新增标准', 'Add standard'],
  'compliance.std.retire': ['废止', 'Withdraw'],
  'compliance.std.retireConfirm': [
    '废止后不再用于达标判定，确定？',
    'A withdrawn standard is no longer applied. Withdraw?',
  ],
  'compliance.std.saved': ['已保存新版本', 'New revision saved'],
  'compliance.std.json': ['标准 JSON（standardSchema）', 'Standard JSON (standardSchema)'],
  'compliance.std.badJson': ['不是有效的 JSON：{message}', 'Not valid JSON: {message}'],
  'compliance.std.table': ['限值表', 'Table'],
  'compliance.std.pollutant': ['污染物', 'Pollutant'],
  'compliance.std.limit': ['限值', 'Limit'],
  'compliance.std.point': ['监控位置', 'Monitoring point'],
  'compliance.std.sourceStatus': ['核实状态', 'Verification'],
  'compliance.std.appliesTo': ['适用', 'Applies to'],
  'compliance.std.benchmark': ['单位产品基准排水量', 'Benchmark drainage'],
  'compliance.std.history': ['含历史版本', 'Include history'],

  // Enterprise page
  'compliance.ent.title': ['监测数据与达标情况', 'Monitoring data and compliance'],
  'compliance.ent.intro': [
    '录入各排放口的监测浓度和判定所需的基本情况（是否重点区域、现有/新建、镀层类型、总量指标、有毒有害原料），查看按适用标准的达标判定和环境保护税。',
    'Enter the measured concentrations of each outlet and the facts the judgement needs (key region, existing/new, plating layers, quotas, toxic materials); see the compliance against the applicable standards and the environmental tax.',
  ],
  'compliance.ent.samples': ['监测数据', 'Monitoring samples'],
  'compliance.ent.addSample': ['新增监测数据', 'Add sample'],
  'compliance.ent.pointName': ['排放口名称', 'Outlet name'],
  'compliance.ent.pointKind': ['监控位置', 'Monitoring point'],
  'compliance.ent.pollutant': ['污染物', 'Pollutant'],
  'compliance.ent.concentration': ['浓度', 'Concentration'],
  'compliance.ent.unit': ['单位', 'Unit'],
  'compliance.ent.sampledOn': ['采样日期', 'Sampled on'],
  'compliance.ent.sampleCount': ['样品数', 'Samples'],
  'compliance.ent.source': ['数据来源', 'Source'],
  'compliance.ent.facts': ['判定所需基本情况', 'Compliance facts'],
  'compliance.ent.keyRegion': ['位于执行特别排放限值的重点区域', 'In a key region (special limits)'],
  'compliance.ent.installation': ['企业类别', 'Installation'],
  'compliance.ent.existing': ['现有企业', 'Existing'],
  'compliance.ent.new': ['新建企业', 'New'],
  'compliance.ent.commissionedOn': ['投产日期', 'Commissioned on'],
  'compliance.ent.platingLayers': ['镀层类型', 'Plating layers'],
  'compliance.ent.multi': ['多层镀', 'Multi-layer'],
  'compliance.ent.single': ['单层镀', 'Single-layer'],
  'compliance.ent.quotas': ['总量控制指标（t/年）', 'Total-load quotas (t/a)'],
  'compliance.ent.quota': ['指标', 'Quota'],
  'compliance.ent.usesToxic': ['使用有毒有害原料', 'Uses toxic raw materials'],
  'compliance.ent.toxicNote': ['有毒有害原料说明', 'Toxic materials'],
  'compliance.ent.saveFacts': ['保存基本情况', 'Save facts'],
  'compliance.ent.result': ['达标判定', 'Compliance'],
  'compliance.ent.verdict': ['判定', 'Verdict'],
  'compliance.ent.verdict.pass': ['达标', 'Pass'],
  'compliance.ent.verdict.exceed': ['超标', 'Exceeds'],
  'compliance.ent.verdict.no-limit': ['无限值', 'No limit'],
  'compliance.ent.measured': ['实测', 'Measured'],
  'compliance.ent.converted': ['折算', 'Converted'],
  'compliance.ent.clause': ['依据', 'Clause'],
  'compliance.ent.drainage': [
    '实际排水 {actual} m³，镀件面积 {area} m²（{layers}）',
    'Drainage {actual} m³, plated area {area} m² ({layers})',
  ],
  'compliance.ent.taxTitle': ['环境保护税', 'Environmental protection tax'],
  'compliance.ent.equivalents': ['污染当量数', 'Equivalents'],
  'compliance.ent.taxed': ['计税', 'Taxed'],
  'compliance.ent.taxYuan': ['税额（元）', 'Tax (元)'],
  'compliance.ent.noYear': ['尚无年度数据', 'No annual data yet'],
} as const;

type Key = keyof typeof M;

function pick(i: 0 | 1): { readonly [K in Key]: string } {
  const out = {} as Record<Key, string>;
  for (const k of Object.keys(M) as Key[]) out[k] = M[k][i];
  return out;
}

export const complianceZh: { readonly [K in Key]: string } = pick(0);

export const complianceEn: { readonly [K in keyof typeof complianceZh]: string } = pick(1);
