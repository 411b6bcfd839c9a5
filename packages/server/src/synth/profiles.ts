/**
 * The synthetic province's fixed parts: the cities of 江苏省 (GB/T 2260 codes of the prefecture-level cities; the
 * counties below them are synthetic), and the industries (GB/T 4754-2017 classes) with the per-unit ranges their
 * enterprises' annual data are drawn from. Ranges are synthetic assumptions of the generator, not reference data:
 * they keep each industry's intensities within a band (the platform's peer-outlier check must stay quiet on clean
 * enterprises), and the electroplating indicators are drawn around the levels of the built-in indicator system.
 */

export interface SynthCity {
  code: string;
  name: string;
  /** Relative share of the province's enterprises. */
  weight: number;
}

/** The 13 prefecture-level cities of 江苏省 (GB/T 2260). */
export const PROVINCE = { code: '320000', name: '江苏省', short: '江苏' } as const;

export const CITIES: readonly SynthCity[] = [
  { code: '320100', name: '南京市', weight: 2 },
  { code: '320200', name: '无锡市', weight: 3 },
  { code: '320300', name: '徐州市', weight: 1 },
  { code: '320400', name: '常州市', weight: 3 },
  { code: '320500', name: '苏州市', weight: 5 },
  { code: '320600', name: '南通市', weight: 2 },
  { code: '320700', name: '连云港市', weight: 1 },
  { code: '320800', name: '淮安市', weight: 1 },
  { code: '320900', name: '盐城市', weight: 1 },
  { code: '321000', name: '扬州市', weight: 1 },
  { code: '321100', name: '镇江市', weight: 1 },
  { code: '321200', name: '泰州市', weight: 1 },
  { code: '321300', name: '宿迁市', weight: 1 },
];

/** Synthetic counties of each city: code suffix and name suffix (the city's short name is prepended). */
export const COUNTY_SUFFIXES = [
  { code: '02', name: '东城区' },
  { code: '05', name: '西城区' },
  { code: '11', name: '高新区' },
  { code: '81', name: '市（县级）' },
] as const;

/** A water pollutant: concentrations (mg/L) in the generated and the emitted wastewater. */
export interface WaterPollutant {
  item: string;
  unit: 't' | 'kg';
  gen_mgL: readonly [number, number];
  out_mgL: readonly [number, number];
  /** Only for electroplating enterprises whose profile uses this metal family. */
  needs?: 'chromium' | 'nickel';
}

/** An air pollutant: generated and emitted per unit of output (t per output unit). */
export interface AirPollutant {
  item: string;
  gen_tPerUnit: readonly [number, number];
  out_tPerUnit: readonly [number, number];
}

export interface IndustryProfile {
  /** GB/T 4754-2017 class. */
  code: string;
  /** Short name used in audit titles. */
  short: string;
  weight: number;
  /** The main product: annual item code (free `product.*` line), its name and unit. */
  product: { itemCode: string; name: string; unit: string };
  /** First-year output: log-normal, median and σ of ln(output). */
  output: { median: number; sigma: number; min: number };
  electricity_kWhPerUnit: readonly [number, number];
  gas_m3PerUnit: readonly [number, number];
  water_m3PerUnit: readonly [number, number];
  /** Reused water ÷ (intake + reused). */
  reuseShare: readonly [number, number];
  /** Typical wastewater generated per unit (m³), the base of the pollutant loads (all enterprises alike). */
  wastewater_m3PerUnit: number;
  /** Share of the generated wastewater discharged. */
  emittedShare: number;
  waterPollutants: readonly WaterPollutant[];
  airPollutants: readonly AirPollutant[];
  hazardous_tPerUnit: readonly [number, number] | null;
  price_yuanPerUnit: readonly [number, number];
  valueAddedShare: readonly [number, number];
  /** Suffixes of synthetic enterprise names. */
  suffixes: readonly string[];
}

const COD_NH3 = (cod: [number, number, number, number], nh3: [number, number, number, number]) =>
  [
    { item: 'cod', unit: 't', gen_mgL: [cod[0], cod[1]], out_mgL: [cod[2], cod[3]] },
    { item: 'nh3_n', unit: 't', gen_mgL: [nh3[0], nh3[1]], out_mgL: [nh3[2], nh3[3]] },
  ] as const satisfies readonly WaterPollutant[];

export const INDUSTRIES: readonly IndustryProfile[] = [
  {
    code: '3360',
    short: '电镀',
    weight: 40,
    product: { itemCode: 'product.plated_area', name: '电镀件', unit: 'm2' },
    output: { median: 300_000, sigma: 0.8, min: 20_000 },
    electricity_kWhPerUnit: [3.5, 6.5],
    gas_m3PerUnit: [0.3, 0.46],
    water_m3PerUnit: [0.082, 0.118],
    reuseShare: [0.28, 0.52],
    wastewater_m3PerUnit: 0.086,
    emittedShare: 0.86,
    waterPollutants: [
      ...COD_NH3([240, 360, 40, 60], [18, 28, 4.5, 7]),
      { item: 'tp', unit: 't', gen_mgL: [6.5, 9.5], out_mgL: [0.32, 0.52] },
      { item: 'class_i.cr', unit: 'kg', gen_mgL: [32, 48], out_mgL: [0.22, 0.38], needs: 'chromium' },
      { item: 'class_i.cr6', unit: 'kg', gen_mgL: [15, 23], out_mgL: [0.045, 0.075], needs: 'chromium' },
      { item: 'class_i.ni', unit: 'kg', gen_mgL: [21, 33], out_mgL: [0.13, 0.23], needs: 'nickel' },
    ],
    airPollutants: [],
    hazardous_tPerUnit: [0.6e-4, 0.96e-4],
    price_yuanPerUnit: [58, 82],
    valueAddedShare: [0.27, 0.31],
    suffixes: ['电镀有限公司', '表面处理有限公司', '金属表面处理科技有限公司', '精密电镀有限公司'],
  },
  {
    code: '3982',
    short: '电子电路',
    weight: 12,
    product: { itemCode: 'product.pcb_area', name: '印制电路板', unit: 'm2' },
    output: { median: 200_000, sigma: 0.7, min: 10_000 },
    electricity_kWhPerUnit: [60, 90],
    gas_m3PerUnit: [1.0, 1.6],
    water_m3PerUnit: [0.8, 1.2],
    reuseShare: [0.2, 0.4],
    wastewater_m3PerUnit: 0.75,
    emittedShare: 0.8,
    waterPollutants: [
      ...COD_NH3([300, 450, 30, 50], [20, 30, 3, 5]),
      { item: 'class_i.ni', unit: 'kg', gen_mgL: [8, 12], out_mgL: [0.1, 0.2] },
    ],
    airPollutants: [{ item: 'vocs', gen_tPerUnit: [4e-5, 6e-5], out_tPerUnit: [1e-5, 1.6e-5] }],
    hazardous_tPerUnit: [2e-3, 3e-3],
    price_yuanPerUnit: [600, 900],
    valueAddedShare: [0.22, 0.28],
    suffixes: ['电路科技有限公司', '电子有限公司', '线路板有限公司'],
  },
  {
    code: '1713',
    short: '印染',
    weight: 14,
    product: { itemCode: 'product.dyed_fabric', name: '印染布', unit: 't' },
    output: { median: 6_000, sigma: 0.8, min: 300 },
    electricity_kWhPerUnit: [900, 1300],
    gas_m3PerUnit: [180, 260],
    water_m3PerUnit: [80, 120],
    reuseShare: [0.15, 0.35],
    wastewater_m3PerUnit: 75,
    emittedShare: 0.9,
    waterPollutants: COD_NH3([1000, 1500, 50, 80], [15, 25, 3, 6]),
    airPollutants: [],
    hazardous_tPerUnit: [2e-3, 4e-3],
    price_yuanPerUnit: [20_000, 30_000],
    valueAddedShare: [0.18, 0.24],
    suffixes: ['印染有限公司', '纺织印染有限公司', '染整有限公司'],
  },
  {
    code: '2614',
    short: '有机化工',
    weight: 12,
    product: { itemCode: 'product.organic_chemicals', name: '有机化学原料', unit: 't' },
    output: { median: 40_000, sigma: 0.9, min: 1_000 },
    electricity_kWhPerUnit: [250, 400],
    gas_m3PerUnit: [20, 35],
    water_m3PerUnit: [8, 12],
    reuseShare: [0.5, 0.7],
    wastewater_m3PerUnit: 5,
    emittedShare: 0.85,
    waterPollutants: COD_NH3([2000, 3000, 60, 90], [30, 50, 5, 8]),
    airPollutants: [{ item: 'vocs', gen_tPerUnit: [6e-4, 9e-4], out_tPerUnit: [1e-4, 1.5e-4] }],
    hazardous_tPerUnit: [1e-2, 2e-2],
    price_yuanPerUnit: [7_000, 10_000],
    valueAddedShare: [0.2, 0.26],
    suffixes: ['化工有限公司', '化学有限公司', '新材料有限公司'],
  },
  {
    code: '3011',
    short: '水泥',
    weight: 8,
    product: { itemCode: 'product.cement', name: '水泥', unit: 't' },
    output: { median: 800_000, sigma: 0.6, min: 50_000 },
    electricity_kWhPerUnit: [75, 95],
    gas_m3PerUnit: [0.8, 1.2],
    water_m3PerUnit: [0.2, 0.3],
    reuseShare: [0.6, 0.8],
    wastewater_m3PerUnit: 0.02,
    emittedShare: 0.5,
    waterPollutants: COD_NH3([80, 120, 20, 30], [4, 6, 1, 1.5]),
    airPollutants: [
      { item: 'so2', gen_tPerUnit: [3e-4, 5e-4], out_tPerUnit: [0.8e-4, 1.2e-4] },
      { item: 'nox', gen_tPerUnit: [1.2e-3, 1.6e-3], out_tPerUnit: [5e-4, 7e-4] },
      { item: 'particulates', gen_tPerUnit: [5e-2, 8e-2], out_tPerUnit: [0.8e-4, 1.2e-4] },
    ],
    hazardous_tPerUnit: null,
    price_yuanPerUnit: [300, 400],
    valueAddedShare: [0.25, 0.32],
    suffixes: ['水泥有限公司', '建材有限公司'],
  },
  {
    code: '3130',
    short: '钢压延',
    weight: 14,
    product: { itemCode: 'product.rolled_steel', name: '钢材', unit: 't' },
    output: { median: 150_000, sigma: 0.9, min: 5_000 },
    electricity_kWhPerUnit: [90, 130],
    gas_m3PerUnit: [40, 60],
    water_m3PerUnit: [0.8, 1.2],
    reuseShare: [0.85, 0.95],
    wastewater_m3PerUnit: 0.5,
    emittedShare: 0.7,
    waterPollutants: COD_NH3([150, 250, 30, 50], [8, 12, 2, 3]),
    airPollutants: [{ item: 'particulates', gen_tPerUnit: [2e-4, 3e-4], out_tPerUnit: [2e-5, 3e-5] }],
    hazardous_tPerUnit: [2e-3, 4e-3],
    price_yuanPerUnit: [4_000, 5_000],
    valueAddedShare: [0.15, 0.2],
    suffixes: ['钢铁有限公司', '金属制品有限公司', '特钢有限公司'],
  },
];

/** Electroplating profiles (which metal families a plating enterprise uses). */
export const PLATING_PROFILES = [
  { id: 'zinc', product: '镀锌件', chromium: false, nickel: false, metals: ['zinc'] },
  {
    id: 'decorative',
    product: '装饰镀铬件',
    chromium: true,
    nickel: true,
    metals: ['copper', 'nickel', 'decorative-chromium'],
  },
  {
    id: 'hard-chrome',
    product: '镀硬铬件',
    chromium: true,
    nickel: true,
    metals: ['hard-chromium', 'nickel'],
  },
  {
    id: 'electronic',
    product: '电子元件镀层件',
    chromium: false,
    nickel: true,
    metals: ['copper', 'nickel', 'gold', 'silver'],
  },
] as const;

/** Synthetic brand syllables: no real company is meant. */
export const BRAND_A = [
  '华',
  '金',
  '恒',
  '众',
  '精',
  '明',
  '鑫',
  '永',
  '宏',
  '天',
  '博',
  '新',
  '润',
  '东',
  '力',
  '锦',
];
export const BRAND_B = [
  '瑞',
  '鼎',
  '通',
  '达',
  '工',
  '辉',
  '宇',
  '盛',
  '源',
  '远',
  '亚',
  '泰',
  '方',
  '拓',
  '华',
  '荣',
];

/** Option templates (enterprise level): name, type, Guangdong category, performance class, effect shares. */
export interface SynthOptionTemplate {
  name: string;
  optionType:
    | 'raw_material_substitution'
    | 'process_equipment_retrofit'
    | 'process_control'
    | 'energy_saving'
    | 'resource_reuse'
    | 'end_of_pipe'
    | 'management_staff';
  gdCategory:
    | 'raw_materials_energy'
    | 'technology'
    | 'equipment'
    | 'process_control'
    | 'product'
    | 'waste'
    | 'management'
    | 'staff';
  performanceClass: 'source_substitution' | 'process_innovation' | 'end_of_pipe' | 'environmental_management';
  /** Shares of the enterprise's yearly electricity / water / COD / hazardous waste the option saves. */
  electricity?: number;
  water?: number;
  cod?: number;
  hazardous?: number;
}

export const OPTION_TEMPLATES: readonly SynthOptionTemplate[] = [
  {
    name: '高效电机及变频改造',
    optionType: 'energy_saving',
    gdCategory: 'equipment',
    performanceClass: 'process_innovation',
    electricity: 0.04,
  },
  {
    name: '空压机余热回收',
    optionType: 'energy_saving',
    gdCategory: 'equipment',
    performanceClass: 'process_innovation',
    electricity: 0.02,
  },
  {
    name: 'LED照明替换',
    optionType: 'energy_saving',
    gdCategory: 'equipment',
    performanceClass: 'process_innovation',
    electricity: 0.005,
  },
  {
    name: '多级逆流漂洗/清洗改造',
    optionType: 'process_equipment_retrofit',
    gdCategory: 'technology',
    performanceClass: 'process_innovation',
    water: 0.12,
    cod: 0.06,
  },
  {
    name: '中水回用系统',
    optionType: 'resource_reuse',
    gdCategory: 'waste',
    performanceClass: 'end_of_pipe',
    water: 0.15,
  },
  {
    name: '清污分流与废水分质处理',
    optionType: 'end_of_pipe',
    gdCategory: 'waste',
    performanceClass: 'end_of_pipe',
    cod: 0.1,
  },
  {
    name: '危险废物减量与压滤脱水',
    optionType: 'end_of_pipe',
    gdCategory: 'waste',
    performanceClass: 'end_of_pipe',
    hazardous: 0.08,
  },
  {
    name: '能源与水计量器具完善',
    optionType: 'management_staff',
    gdCategory: 'management',
    performanceClass: 'environmental_management',
    electricity: 0.01,
    water: 0.02,
  },
  {
    name: '岗位操作规程与清洁生产培训',
    optionType: 'management_staff',
    gdCategory: 'staff',
    performanceClass: 'environmental_management',
    water: 0.01,
  },
  {
    name: '生产过程自动控制',
    optionType: 'process_control',
    gdCategory: 'process_control',
    performanceClass: 'process_innovation',
    electricity: 0.03,
    water: 0.03,
  },
  {
    name: '低毒原辅料替代',
    optionType: 'raw_material_substitution',
    gdCategory: 'raw_materials_energy',
    performanceClass: 'source_substitution',
    hazardous: 0.04,
  },
];
