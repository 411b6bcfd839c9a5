/**
 * Demo organisations: the regions of 常州市 and 惠州市 (GB/T 2260 codes), the eco-environment bureaus, two consulting
 * firms, thirty synthetic electroplating enterprises in 常州 (valid credit codes, GB/T 4754-2017 class 3360), one
 * printed-circuit-board maker in 惠州 (class 3982, 中类 398), their products, processes, equipment and treatment
 * facilities, engagements, and one account per role.
 */
import { orgCodeCheckChar, usccCheckChar } from '@cpaudit/core';
import type {
  bureaus,
  consultingEngagements,
  consultingFirms,
  enterpriseEquipment,
  enterpriseProcesses,
  enterpriseProducts,
  enterprises,
  regions,
  treatmentFacilities,
  userRoles,
  users,
} from '../db/index.ts';
import type { DemoAccount } from './accounts.ts';
import type { Rng } from './prng.ts';

export type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Plating metals of the electroplating indicator system (its utilisation-rate indicators). */
export const METALS = [
  'zinc',
  'copper',
  'nickel',
  'decorative-chromium',
  'hard-chromium',
  'gold',
  'silver',
] as const;
export type Metal = (typeof METALS)[number];

export interface PlatingProfile {
  id: 'zinc' | 'decorative' | 'hard-chrome' | 'electronic';
  /** 工艺类型 as the candidate-enterprise scoring reads it. */
  process: string;
  product: string;
  metals: readonly Metal[];
  /** Electricity per m² plated (kWh/m²), a range. */
  electricity_kWhPerM2: readonly [number, number];
}

export const PROFILES: readonly PlatingProfile[] = [
  { id: 'zinc', process: '镀锌', product: '镀锌件', metals: ['zinc'], electricity_kWhPerM2: [2.6, 3.8] },
  {
    id: 'decorative',
    process: '装饰性镀铜镍铬',
    product: '装饰镀铬件',
    metals: ['copper', 'nickel', 'decorative-chromium'],
    electricity_kWhPerM2: [4.2, 6.0],
  },
  {
    id: 'hard-chrome',
    process: '镀硬铬',
    product: '镀硬铬件',
    metals: ['hard-chromium', 'nickel'],
    electricity_kWhPerM2: [8.5, 11.5],
  },
  {
    id: 'electronic',
    process: '电子元件镀金银',
    product: '电子元件镀层件',
    metals: ['copper', 'nickel', 'gold', 'silver'],
    electricity_kWhPerM2: [5.2, 7.4],
  },
];

/** What the annual-data generator needs to know about an electroplating enterprise. */
export interface PlatingEnterprise {
  index: number;
  id: string;
  name: string;
  countyName: string;
  profile: PlatingProfile;
  /** Plated area of the first data year (m²). */
  area0_m2: number;
  /** 0–1: how well run it is (drives indicator levels and problems). */
  quality: number;
  sizeClass: 'large' | 'medium' | 'small';
  inKeyRegion: boolean;
}

const CZ_COUNTIES = [
  { code: '320402', name: '天宁区', park: null, weight: 2 },
  { code: '320404', name: '钟楼区', park: null, weight: 2 },
  { code: '320411', name: '新北区', park: '常州滨江经济开发区表面处理集中区', weight: 6 },
  { code: '320412', name: '武进区', park: '武进经济开发区电镀集中区', weight: 9 },
  { code: '320413', name: '金坛区', park: '金坛经济开发区', weight: 3 },
  { code: '320481', name: '溧阳市', park: '溧阳经济开发区', weight: 3 },
] as const;

const ROADS = [
  '龙城大道',
  '常武路',
  '长江路',
  '通江大道',
  '汉江路',
  '武宜路',
  '延政路',
  '金武路',
  '华城路',
  '东方大道',
];

/** Synthetic brand names: no real company is meant. */
const BRANDS = [
  '华瑞',
  '金鼎',
  '恒通',
  '众达',
  '精工',
  '明辉',
  '鑫宇',
  '永盛',
  '宏达',
  '天源',
  '博远',
  '新亚',
  '润泰',
  '东方',
  '力拓',
  '锦华',
  '欣荣',
  '银河',
  '正大',
  '嘉诚',
  '宝丰',
  '美亚',
  '汇丰',
  '凯旋',
  '瑞丰',
  '中孚',
  '沪宁',
  '龙腾',
  '安泰',
  '光华',
];

const SUFFIXES = [
  '电镀有限公司',
  '表面处理有限公司',
  '金属表面处理科技有限公司',
  '五金电镀有限公司',
  '精密电镀有限公司',
];

/** Characters allowed in the organisation-code body (the USCC character set without check-only letters). */
const BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A valid 统一社会信用代码: 9 (工商) 1 (企业), the 6-digit division code, an organisation code of 8 characters
 * with its GB 11714 check character, then the GB 32100-2015 check character.
 */
export function demoUscc(rng: Rng, divisionCode: string): string {
  for (;;) {
    let body = 'MA';
    for (let i = 0; i < 6; i++) body += BODY_CHARS.charAt(rng.int(0, BODY_CHARS.length - 1));
    const org = orgCodeCheckChar(body);
    if (org === null || !BODY_CHARS.includes(org)) continue;
    const first17 = `91${divisionCode}${body}${org}`;
    return first17 + usccCheckChar(first17);
  }
}

export interface DemoOrgs {
  regions: Row<typeof regions>[];
  bureaus: Row<typeof bureaus>[];
  firms: Row<typeof consultingFirms>[];
  enterprises: Row<typeof enterprises>[];
  products: Row<typeof enterpriseProducts>[];
  processes: Row<typeof enterpriseProcesses>[];
  equipment: Row<typeof enterpriseEquipment>[];
  facilities: Row<typeof treatmentFacilities>[];
  engagements: Row<typeof consultingEngagements>[];
  users: Omit<Row<typeof users>, 'passwordHash'>[];
  userRoles: Row<typeof userRoles>[];
  accounts: DemoAccount[];
  plating: PlatingEnterprise[];
  ids: {
    jiangsuBureau: string;
    changzhouBureau: string;
    wujinBureau: string;
    guangdongBureau: string;
    huizhouBureau: string;
    czFirm: string;
    hzFirm: string;
    pcb: string;
    users: Record<string, string>;
  };
}

export const PCB_NAME = '惠州市恒讯电路科技有限公司';

export function buildOrgs(rng: Rng): DemoOrgs {
  const regionRows: Row<typeof regions>[] = [
    { code: '320000', name: '江苏省', parentCode: null },
    { code: '320400', name: '常州市', parentCode: '320000' },
    ...CZ_COUNTIES.map((c) => ({ code: c.code, name: c.name, parentCode: '320400' })),
    { code: '440000', name: '广东省', parentCode: null },
    { code: '441300', name: '惠州市', parentCode: '440000' },
    { code: '441302', name: '惠城区', parentCode: '441300' },
    { code: '441303', name: '惠阳区', parentCode: '441300' },
  ];
  const userIds: Record<string, string> = {};
  const ids = {
    jiangsuBureau: rng.uuid(),
    changzhouBureau: rng.uuid(),
    wujinBureau: rng.uuid(),
    guangdongBureau: rng.uuid(),
    huizhouBureau: rng.uuid(),
    czFirm: rng.uuid(),
    hzFirm: rng.uuid(),
    pcb: rng.uuid(),
    users: userIds,
  };
  const bureauRows: Row<typeof bureaus>[] = [
    { id: ids.jiangsuBureau, name: '江苏省生态环境厅', jurisdictionCode: '320000', address: '南京市鼓楼区' },
    {
      id: ids.changzhouBureau,
      name: '常州市生态环境局',
      jurisdictionCode: '320400',
      parentBureauId: ids.jiangsuBureau,
      contactPerson: '污防科',
    },
    {
      id: ids.wujinBureau,
      name: '常州市武进生态环境局',
      jurisdictionCode: '320412',
      parentBureauId: ids.changzhouBureau,
    },
    {
      id: ids.guangdongBureau,
      name: '广东省生态环境厅',
      jurisdictionCode: '440000',
      address: '广州市越秀区',
    },
    {
      id: ids.huizhouBureau,
      name: '惠州市生态环境局',
      jurisdictionCode: '441300',
      parentBureauId: ids.guangdongBureau,
    },
  ];
  const firms: Row<typeof consultingFirms>[] = [
    {
      id: ids.czFirm,
      uscc: demoUscc(rng, '320400'),
      name: '常州绿源清洁生产技术服务有限公司（演示）',
      regionCode: '320400',
      address: '常州市新北区太湖东路9号',
      contactPerson: '周工',
      contactPhone: '0519-86000001',
    },
    {
      id: ids.hzFirm,
      uscc: demoUscc(rng, '441300'),
      name: '惠州市清源环保咨询有限公司（演示）',
      regionCode: '441300',
      address: '惠州市惠城区江北文昌一路',
      contactPerson: '黄工',
      contactPhone: '0752-2800001',
    },
  ];

  const enterpriseRows: Row<typeof enterprises>[] = [];
  const products: Row<typeof enterpriseProducts>[] = [];
  const processes: Row<typeof enterpriseProcesses>[] = [];
  const equipment: Row<typeof enterpriseEquipment>[] = [];
  const facilities: Row<typeof treatmentFacilities>[] = [];
  const engagements: Row<typeof consultingEngagements>[] = [];
  const plating: PlatingEnterprise[] = [];
  const countyBag = CZ_COUNTIES.flatMap((c) => Array.from({ length: c.weight }, () => c));
  const brands = rng.sample(BRANDS, 30);

  for (let i = 0; i < 30; i++) {
    const county = rng.pick(countyBag);
    const profile = PROFILES[i % PROFILES.length] ?? PROFILES[0];
    if (!profile) throw new Error('no plating profile');
    const id = rng.uuid();
    const name = `常州${brands[i]}${rng.pick(SUFFIXES)}`;
    const area0_m2 = Math.round(rng.range(180_000, 1_200_000) / 100) * 100;
    const sizeClass = area0_m2 > 800_000 ? 'large' : area0_m2 > 400_000 ? 'medium' : 'small';
    const inPark = county.park !== null && rng.chance(0.8);
    const quality = rng.next();
    enterpriseRows.push({
      id,
      uscc: demoUscc(rng, county.code),
      name,
      address: `常州市${county.name}${rng.pick(ROADS)}${rng.int(1, 399)}号`,
      regionCode: county.code,
      industryCode: '3360',
      industryName: '金属表面处理及热处理加工',
      industrialParkName: inPark ? county.park : null,
      keyMonitoringTypes: rng.chance(0.4) ? ['water', 'soil', 'environmental_risk'] : ['water', 'soil'],
      permitClass: 'key',
      permitNumber: `${county.code}${String(1000 + i).padStart(6, '0')}001P`,
      legalRepresentative: `${rng.pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'])}总`,
      contactPerson: `${rng.pick(['钱', '孙', '郑', '冯', '蒋', '沈', '韩', '朱'])}工`,
      contactPhone: `0519-8${String(rng.int(1_000_000, 9_999_999))}`,
      employees:
        sizeClass === 'large'
          ? rng.int(220, 480)
          : sizeClass === 'medium'
            ? rng.int(90, 220)
            : rng.int(30, 90),
      establishedOn: `${rng.int(1996, 2015)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      longitude: Math.round(rng.range(119.45, 120.15) * 1e5) / 1e5,
      latitude: Math.round(rng.range(31.35, 31.95) * 1e5) / 1e5,
      note: 'cpaudit 演示数据：虚构企业',
    });
    plating.push({
      index: i,
      id,
      name,
      countyName: county.name,
      profile,
      area0_m2,
      quality,
      sizeClass,
      inKeyRegion: county.name === '武进区' || county.name === '新北区',
    });
    products.push({
      enterpriseId: id,
      name: profile.product,
      capacity: Math.round((area0_m2 * rng.range(1.2, 1.5)) / 1000) * 1000,
      capacityUnit: 'm2/a',
      isMain: true,
      sortOrder: 1,
    });
    const pre = rng.uuid();
    const plate = rng.uuid();
    processes.push(
      { id: pre, enterpriseId: id, name: '前处理（除油、酸洗）', sortOrder: 1 },
      {
        id: plate,
        enterpriseId: id,
        name: `${profile.process}生产线`,
        description: '挂镀/滚镀',
        sortOrder: 2,
      },
      { enterpriseId: id, name: '钝化、烘干', sortOrder: 3 },
    );
    const lines = rng.int(2, 6);
    const automated = Math.round(lines * (0.3 + 0.6 * quality));
    equipment.push(
      {
        enterpriseId: id,
        processId: plate,
        name: '自动/半自动电镀生产线',
        quantity: Math.max(1, automated),
        ratedPower_kW: 180,
        commissionedYear: rng.int(2012, 2022),
      },
      ...(lines - automated > 0
        ? [
            {
              enterpriseId: id,
              processId: plate,
              name: '手工电镀生产线',
              quantity: lines - automated,
              ratedPower_kW: 90,
              commissionedYear: rng.int(2003, 2012),
            },
          ]
        : []),
      {
        enterpriseId: id,
        processId: plate,
        name: '高频开关电源',
        quantity: lines * 2,
        ratedPower_kW: 36,
        efficiencyClass: quality > 0.5 ? '高效' : null,
      },
      { enterpriseId: id, processId: pre, name: '超声波除油槽', quantity: 2, ratedPower_kW: 12 },
    );
    facilities.push(
      {
        enterpriseId: id,
        medium: 'wastewater',
        name: '电镀废水分质处理站',
        technology: '含铬/含镍/综合废水分流，化学还原+混凝沉淀+膜过滤',
        designCapacity: Math.round((area0_m2 * 0.11) / 330 / 10) * 10,
        capacityUnit: 'm3/d',
        outletCode: 'DW001',
        commissionedYear: rng.int(2010, 2019),
      },
      {
        enterpriseId: id,
        medium: 'waste_gas',
        name: '酸雾净化塔',
        technology: '碱液喷淋',
        designCapacity: 20_000,
        capacityUnit: 'm3/h',
        outletCode: 'DA001',
      },
      { enterpriseId: id, medium: 'hazardous_waste', name: '危险废物贮存库', technology: '防渗、分区贮存' },
    );
    if (i % 3 === 0) {
      engagements.push({
        consultingFirmId: ids.czFirm,
        enterpriseId: id,
        startedOn: '2025-02-15',
        scope: '常州市电镀行业清洁生产审核 企业数据填报与方案实施咨询',
        contactPerson: '周工',
      });
    }
  }

  // 广东: the printed-circuit-board maker with a mandatory audit.
  enterpriseRows.push({
    id: ids.pcb,
    uscc: demoUscc(rng, '441303'),
    name: PCB_NAME,
    address: '惠州市惠阳区新圩镇产业园路18号',
    regionCode: '441303',
    industryCode: '3982',
    industryName: '电子电路制造',
    industrialParkName: '惠阳新圩电子信息产业园',
    keyMonitoringTypes: ['water', 'air', 'soil', 'environmental_risk'],
    permitClass: 'key',
    permitNumber: '91441303PCB0001001P',
    legalRepresentative: '林总',
    contactPerson: '邓工',
    contactPhone: '0752-3600001',
    employees: 860,
    establishedOn: '2006-05-18',
    longitude: 114.46,
    latitude: 22.79,
    note: 'cpaudit 演示数据：虚构企业',
  });
  products.push(
    { enterpriseId: ids.pcb, name: '双面板', capacity: 600_000, capacityUnit: 'm2/a', sortOrder: 1 },
    { enterpriseId: ids.pcb, name: '多层板', capacity: 450_000, capacityUnit: 'm2/a', sortOrder: 2 },
  );
  processes.push(
    { enterpriseId: ids.pcb, name: '开料、钻孔', sortOrder: 1 },
    { enterpriseId: ids.pcb, name: '沉铜、电镀铜', sortOrder: 2 },
    { enterpriseId: ids.pcb, name: '图形转移、蚀刻', sortOrder: 3 },
    { enterpriseId: ids.pcb, name: '阻焊、表面处理（沉金）', sortOrder: 4 },
  );
  facilities.push(
    {
      enterpriseId: ids.pcb,
      medium: 'wastewater',
      name: '综合废水处理站',
      technology: '络合废水破络+混凝沉淀+生化',
      designCapacity: 2400,
      capacityUnit: 'm3/d',
      outletCode: 'DW001',
    },
    {
      enterpriseId: ids.pcb,
      medium: 'waste_gas',
      name: '有机废气处理设施',
      technology: '活性炭吸附+催化燃烧',
      designCapacity: 60_000,
      capacityUnit: 'm3/h',
      outletCode: 'DA002',
    },
  );
  engagements.push({
    consultingFirmId: ids.hzFirm,
    enterpriseId: ids.pcb,
    startedOn: '2025-03-20',
    scope: '2025年强制性清洁生产审核（第二轮）',
    contactPerson: '黄工',
    contactPhone: '0752-2800001',
  });

  // Accounts: one per role and scope.
  const platingEnterprise = (n: number): PlatingEnterprise => {
    const p = plating[n];
    if (!p) throw new Error(`no plating enterprise ${n}`);
    return p;
  };
  const entUser = platingEnterprise(0);
  const entUser2 = platingEnterprise(4);
  const specs: { account: DemoAccount; scope: Partial<Row<typeof userRoles>> }[] = [
    {
      account: { username: 'admin', displayName: '平台管理员', role: 'platform_admin', organisation: '平台' },
      scope: {},
    },
    {
      account: {
        username: 'js-bureau',
        displayName: '江苏省厅 审核科',
        role: 'bureau_staff',
        organisation: '江苏省生态环境厅',
      },
      scope: { bureauId: ids.jiangsuBureau },
    },
    {
      account: {
        username: 'cz-bureau',
        displayName: '常州市局 污防科',
        role: 'bureau_staff',
        organisation: '常州市生态环境局（行业审核牵头）',
      },
      scope: { bureauId: ids.changzhouBureau },
    },
    {
      account: {
        username: 'wj-bureau',
        displayName: '武进分局',
        role: 'bureau_staff',
        organisation: '常州市武进生态环境局',
      },
      scope: { bureauId: ids.wujinBureau },
    },
    {
      account: {
        username: 'gd-bureau',
        displayName: '广东省厅 审核科',
        role: 'bureau_staff',
        organisation: '广东省生态环境厅',
      },
      scope: { bureauId: ids.guangdongBureau },
    },
    {
      account: {
        username: 'hz-bureau',
        displayName: '惠州市局',
        role: 'bureau_staff',
        organisation: '惠州市生态环境局',
      },
      scope: { bureauId: ids.huizhouBureau },
    },
    {
      account: {
        username: 'panel',
        displayName: '审核小组成员 钱工',
        role: 'panel_member',
        organisation: '常州市电镀行业审核小组',
      },
      scope: {},
    },
    {
      account: {
        username: 'expert',
        displayName: '专家 孙教授',
        role: 'expert',
        organisation: '常州行业审核与惠州强制性审核的评审专家',
      },
      scope: {},
    },
    {
      account: {
        username: 'cz-consultant',
        displayName: '咨询师 周工',
        role: 'consultant',
        organisation: '常州绿源清洁生产技术服务有限公司（演示）',
      },
      scope: { consultingFirmId: ids.czFirm },
    },
    {
      account: {
        username: 'hz-consultant',
        displayName: '咨询师 黄工',
        role: 'consultant',
        organisation: '惠州市清源环保咨询有限公司（演示）',
      },
      scope: { consultingFirmId: ids.hzFirm },
    },
    {
      account: {
        username: 'cz-ent1',
        displayName: `${entUser.name} 环保专员`,
        role: 'enterprise_user',
        organisation: entUser.name,
      },
      scope: { enterpriseId: entUser.id },
    },
    {
      account: {
        username: 'cz-ent2',
        displayName: `${entUser2.name} 环保专员`,
        role: 'enterprise_user',
        organisation: entUser2.name,
      },
      scope: { enterpriseId: entUser2.id },
    },
    {
      account: {
        username: 'hz-pcb',
        displayName: `${PCB_NAME} 清洁生产负责人`,
        role: 'enterprise_user',
        organisation: PCB_NAME,
      },
      scope: { enterpriseId: ids.pcb },
    },
  ];
  const userRows: DemoOrgs['users'] = [];
  const roleRows: Row<typeof userRoles>[] = [];
  for (const { account, scope } of specs) {
    const id = rng.uuid();
    ids.users[account.username] = id;
    userRows.push({ id, username: account.username, displayName: account.displayName });
    roleRows.push({ userId: id, role: account.role, ...scope });
  }

  return {
    regions: regionRows,
    bureaus: bureauRows,
    firms,
    enterprises: enterpriseRows,
    products,
    processes,
    equipment,
    facilities,
    engagements,
    users: userRows,
    userRoles: roleRows,
    accounts: specs.map((s) => s.account),
    plating,
    ids,
  };
}

/** The id of a demo user by user name. */
export function userId(orgs: DemoOrgs, username: string): string {
  const id = orgs.ids.users[username];
  if (!id) throw new Error(`no demo user ${username}`);
  return id;
}
