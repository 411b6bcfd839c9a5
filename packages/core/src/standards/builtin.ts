/**
 * The standards shipped with cpaudit, as data with a source and status per value.
 *
 * - GB 21900-2008 《电镀污染物排放标准》 (water), exactly as shared facts §10 gives it: Table 1 all rows and the
 *   multi-layer drainage VERIFIED (page); Table 3 rows 总铬 … 总铅 VERIFIED (page); Table 2 总汞, 总镉, 总铬, 六价铬,
 *   总铅 cross-checked against a provincial standard that quotes the electroplating limits; every other Table 2/3
 *   value and the single-layer drainage figures UNVERIFIED.
 * - GB 8978-1996 《污水综合排放标准》, the general limits a unit falls back on where no industry standard applies:
 *   表1 第一类污染物 (13 items; the 11 with a concentration in mg/L here) and 表4 第二类污染物 (units built from
 *   1998-01-01, "其他排污单位"/"一切排污单位" rows, grades 一级/二级/三级), from re-posted pages (cited per table).
 * - No energy-limit standard is verified in the shared facts: none is shipped (admins add their own, status 'user').
 */
import type { Source } from '../trace.ts';
import {
  type EmissionStandard,
  emissionStandardSchema,
  type LimitTable,
  type MonitoringPoint,
  type Standard,
} from './schema.ts';

// ── GB 21900-2008 ────────────────────────────────────────────────────────────────────────────────────────────────

const GB21900 = 'GB 21900-2008 《电镀污染物排放标准》';

const SRC_GB21900_T1: Source = {
  document: GB21900,
  clause: '4.1.1 表1',
  url: 'http://001cndc.com/news/show.php?itemid=10455',
  status: 'verified-page',
};
const SRC_GB21900_T2_CROSS: Source = {
  document: GB21900,
  clause: '4.1.2、4.1.3 表2',
  url: 'https://wanglu.net/thread/t12-169041-3.html',
  status: 'verified-cross-checked',
  note: 'a provincial standard (DB41/777-2013) quoting the electroplating limits',
};
const SRC_GB21900_T2_UNVERIFIED: Source = {
  document: GB21900,
  clause: '4.1.2、4.1.3 表2',
  status: 'unverified',
  note: 'shared facts §10: check against the standard text',
};
const SRC_GB21900_T3_PAGE: Source = {
  document: GB21900,
  clause: '4.1.4 表3',
  url: 'http://qjwindow.com/news/show.php?itemid=10457',
  status: 'verified-page',
};
const SRC_GB21900_T3_UNVERIFIED: Source = {
  document: GB21900,
  clause: '4.1.4 表3',
  status: 'unverified',
  note: 'shared facts §10: check against the standard text',
};

/** GB 21900-2008 rows: [pollutant, point, 表1, 表2, 表3]; pH as [min, max]. Shared facts §10. */
const GB21900_ROWS: readonly (readonly [
  string,
  MonitoringPoint,
  number | [number, number],
  number | [number, number],
  number | [number, number],
])[] = [
  ['class_i.cr', 'workshop', 1.5, 1.0, 0.5],
  ['class_i.cr6', 'workshop', 0.5, 0.2, 0.1],
  ['class_i.ni', 'workshop', 1.0, 0.5, 0.1],
  ['class_i.cd', 'workshop', 0.1, 0.05, 0.01],
  ['class_i.ag', 'workshop', 0.5, 0.3, 0.1],
  ['class_i.pb', 'workshop', 1.0, 0.2, 0.1],
  ['class_i.hg', 'workshop', 0.05, 0.01, 0.005],
  ['cu', 'total', 1.0, 0.5, 0.3],
  ['zn', 'total', 2.0, 1.5, 1.0],
  ['fe', 'total', 5.0, 3.0, 2.0],
  ['al', 'total', 5.0, 3.0, 2.0],
  ['ph', 'total', [6, 9], [6, 9], [6, 9]],
  ['ss', 'total', 70, 50, 30],
  ['cod', 'total', 100, 80, 50],
  ['nh3_n', 'total', 25, 15, 8],
  ['tn', 'total', 30, 20, 15],
  ['tp', 'total', 1.5, 1.0, 0.5],
  ['petroleum', 'total', 5.0, 3.0, 2.0],
  ['fluoride', 'total', 10, 10, 10],
  ['cyanide', 'total', 0.5, 0.3, 0.2],
];

/** Table 2 rows cross-checked (shared facts §10). */
const T2_CROSS_CHECKED = new Set(['class_i.hg', 'class_i.cd', 'class_i.cr', 'class_i.cr6', 'class_i.pb']);
/** Table 3 rows verified on a page: 总铬 to 总铅 in the table's order (shared facts §10). */
const T3_VERIFIED = new Set([
  'class_i.cr',
  'class_i.cr6',
  'class_i.ni',
  'class_i.cd',
  'class_i.ag',
  'class_i.pb',
]);

function gb21900Limits(column: 1 | 2 | 3) {
  return GB21900_ROWS.map((row) => {
    const [pollutant, point] = row;
    const v = row[column + 1] as number | [number, number];
    const source =
      column === 1
        ? SRC_GB21900_T1
        : column === 2
          ? T2_CROSS_CHECKED.has(pollutant)
            ? SRC_GB21900_T2_CROSS
            : SRC_GB21900_T2_UNVERIFIED
          : T3_VERIFIED.has(pollutant)
            ? SRC_GB21900_T3_PAGE
            : SRC_GB21900_T3_UNVERIFIED;
    return Array.isArray(v)
      ? { pollutant, min: v[0], max: v[1], unit: 'pH' as const, point, source }
      : { pollutant, max: v, unit: 'mg/L' as const, point, source };
  });
}

const SRC_DRAINAGE_SINGLE_UNVERIFIED = (clause: string): Source => ({
  document: GB21900,
  clause,
  status: 'unverified',
  note: 'single-layer benchmark drainage: shared facts §10 has no page for it',
});

const GB21900_TABLES: LimitTable[] = [
  {
    id: '表1',
    title: '现有企业水污染物排放限值',
    // 4.1.1 现有设施自2009年1月1日至2010年6月30日执行表1 (page of SRC_GB21900_T1).
    clause: '4.1.1',
    group: 'main',
    special: false,
    appliesTo: [{ installation: 'existing', from: '2009-01-01', to: '2010-06-30' }],
    limits: gb21900Limits(1),
    benchmarkDrainage: [
      { layers: 'multi', volume_LPerM2: 750, source: SRC_GB21900_T1 },
      { layers: 'single', volume_LPerM2: 300, source: SRC_DRAINAGE_SINGLE_UNVERIFIED('4.1.1 表1') },
    ],
    source: SRC_GB21900_T1,
  },
  {
    id: '表2',
    title: '新建企业水污染物排放限值',
    // Existing installations from 2010-07-01 (shared facts §10), new ones from the entry into force 2008-08-01.
    // The clause numbers 4.1.2/4.1.3 are inferred from 4.1.1 (表1) and 4.1.4 (表3), both on pages.
    clause: '4.1.2、4.1.3',
    group: 'main',
    special: false,
    appliesTo: [
      { installation: 'existing', from: '2010-07-01', to: null },
      { installation: 'new', from: '2008-08-01', to: null },
    ],
    limits: gb21900Limits(2),
    benchmarkDrainage: [
      { layers: 'multi', volume_LPerM2: 500, source: SRC_GB21900_T2_UNVERIFIED },
      { layers: 'single', volume_LPerM2: 200, source: SRC_DRAINAGE_SINGLE_UNVERIFIED('4.1.2、4.1.3 表2') },
    ],
    source: {
      ...SRC_GB21900_T2_UNVERIFIED,
      note: 'dates of 4.1.2: existing from 2010-07-01 (shared facts §10)',
    },
  },
  {
    id: '表3',
    title: '水污染物特别排放限值',
    // 4.1.4: in regions of high development density, weakening carrying capacity, small capacity or fragile
    // ecology; the area and the time are set by the State Council's environment authority or the province
    // (page of SRC_GB21900_T3_PAGE). cpaudit applies it where the enterprise is flagged `keyRegion`.
    clause: '4.1.4',
    group: 'main',
    special: true,
    appliesTo: [
      { installation: 'existing', from: '2008-08-01', to: null },
      { installation: 'new', from: '2008-08-01', to: null },
    ],
    limits: gb21900Limits(3),
    benchmarkDrainage: [
      { layers: 'multi', volume_LPerM2: 250, source: SRC_GB21900_T3_UNVERIFIED },
      { layers: 'single', volume_LPerM2: 100, source: SRC_DRAINAGE_SINGLE_UNVERIFIED('4.1.4 表3') },
    ],
    source: SRC_GB21900_T3_PAGE,
  },
];

export const GB_21900_2008: EmissionStandard = emissionStandardSchema.parse({
  kind: 'emission',
  code: 'GB 21900-2008',
  title: '电镀污染物排放标准',
  medium: 'water',
  industries: ['3360'],
  regions: [],
  validFrom: '2008-08-01',
  validTo: null,
  general: false,
  source: {
    document: GB21900,
    clause: '2008-06-25 发布，2008-08-01 实施',
    status: 'verified-page',
    url: 'https://www.17ehs.com/doc/19448.html',
  },
  tables: GB21900_TABLES,
});

// ── GB 8978-1996 ─────────────────────────────────────────────────────────────────────────────────────────────────

const GB8978 = 'GB 8978-1996 《污水综合排放标准》';

const SRC_GB8978_T1: Source = {
  document: GB8978,
  clause: '表1 第一类污染物最高允许排放浓度',
  url: 'http://true-witness.com/st173403/article_598790.html',
  status: 'verified-page',
  note: 'a re-post of the table; 烷基汞 不得检出 is stored as max 0',
};
const SRC_GB8978_T4: Source = {
  document: GB8978,
  clause: '表4 第二类污染物最高允许排放浓度（1998年1月1日后建设的单位）',
  url: 'https://m.lovfp.com/wenku/rrves/nZKY0wd3eJ',
  status: 'verified-page',
  note: 'an OCR re-post of the table: the "其他排污单位"/"一切排污单位" rows read',
};
const SRC_GB8978_SCOPE: Source = {
  document: GB8978,
  clause: '1.2 适用范围（综合排放标准与行业排放标准不交叉执行）',
  url: 'https://m.wenke99.com/p-5264916.html',
  status: 'verified-page',
};

/** 表1: [pollutant, mg/L]; all at the workshop or workshop treatment outlet (shared facts §6.3). */
const GB8978_CLASS_I: readonly (readonly [string, number])[] = [
  ['class_i.hg', 0.05],
  ['class_i.alkyl_hg', 0],
  ['class_i.cd', 0.1],
  ['class_i.cr', 1.5],
  ['class_i.cr6', 0.5],
  ['class_i.as', 0.5],
  ['class_i.pb', 1.0],
  ['class_i.ni', 1.0],
  ['class_i.bap', 0.00003],
  ['class_i.be', 0.005],
  ['class_i.ag', 0.5],
];

/** 表4 (其他排污单位 / 一切排污单位): [pollutant, 一级, 二级, 三级 (null = 不设)]; pH as range. */
const GB8978_CLASS_II: readonly (readonly [string, number | null, number | null, number | null])[] = [
  ['ss', 70, 150, 400],
  ['bod5', 20, 30, 300],
  ['cod', 100, 150, 500],
  ['petroleum', 5, 10, 20],
  ['animal_oil', 10, 15, 100],
  ['volatile_phenol', 0.5, 0.5, 2.0],
  ['cyanide', 0.5, 0.5, 1.0],
  ['sulfide', 1.0, 1.0, 1.0],
  ['nh3_n', 15, 25, null],
  ['fluoride', 10, 10, 20],
  ['tp', 0.5, 1.0, null],
  ['formaldehyde', 1.0, 2.0, 5.0],
  ['aniline', 1.0, 2.0, 5.0],
  ['nitrobenzene', 2.0, 3.0, 5.0],
  ['las', 5.0, 10, 20],
  ['cu', 0.5, 1.0, 2.0],
  ['zn', 2.0, 5.0, 5.0],
  ['mn', 2.0, 2.0, 5.0],
];

const GRADE_ZH = { '1': '一级', '2': '二级', '3': '三级' } as const;

function gb8978ClassIITable(grade: '1' | '2' | '3'): LimitTable {
  const col = Number(grade) as 1 | 2 | 3;
  const limits: LimitTable['limits'] = [
    { pollutant: 'ph', min: 6, max: 9, unit: 'pH', point: 'total', source: SRC_GB8978_T4 },
  ];
  for (const row of GB8978_CLASS_II) {
    const v = row[col];
    if (v === null || v === undefined) continue;
    limits.push({
      pollutant: row[0],
      max: v,
      unit: 'mg/L',
      point: 'total',
      source: { ...SRC_GB8978_T4, note: `${GRADE_ZH[grade]}标准; ${SRC_GB8978_T4.note ?? ''}` },
    });
  }
  return {
    id: `表4（${GRADE_ZH[grade]}）`,
    title: `第二类污染物最高允许排放浓度（1998年1月1日后建设的单位，${GRADE_ZH[grade]}标准）`,
    clause: '表4（1998年1月1日后建设的单位）',
    group: 'class-ii',
    special: false,
    grade,
    appliesTo: [
      { installation: 'existing', from: '1998-01-01', to: null },
      { installation: 'new', from: '1998-01-01', to: null },
    ],
    limits,
    benchmarkDrainage: [],
    source: SRC_GB8978_T4,
  };
}

export const GB_8978_1996: EmissionStandard = emissionStandardSchema.parse({
  kind: 'emission',
  code: 'GB 8978-1996',
  title: '污水综合排放标准',
  medium: 'water',
  industries: [],
  regions: [],
  validFrom: '1998-01-01',
  validTo: null,
  general: true,
  source: SRC_GB8978_SCOPE,
  note: '表4 applies to units built from 1998-01-01; units built before follow 表2 (not shipped)',
  tables: [
    {
      id: '表1',
      title: '第一类污染物最高允许排放浓度',
      clause: '表1（车间或车间处理设施排放口）',
      group: 'class-i',
      special: false,
      appliesTo: [
        { installation: 'existing', from: '1998-01-01', to: null },
        { installation: 'new', from: '1998-01-01', to: null },
      ],
      limits: GB8978_CLASS_I.map(([pollutant, max]) => ({
        pollutant,
        max,
        unit: 'mg/L',
        point: 'workshop',
        source: SRC_GB8978_T1,
        ...(max === 0 ? { note: '不得检出' } : {}),
      })),
      benchmarkDrainage: [],
      source: SRC_GB8978_T1,
    },
    gb8978ClassIITable('1'),
    gb8978ClassIITable('2'),
    gb8978ClassIITable('3'),
  ],
});

/** Every standard shipped with cpaudit (emission; no energy-limit standard is verified, so none is shipped). */
export const BUILTIN_STANDARDS: readonly Standard[] = [GB_21900_2008, GB_8978_1996];

export function findBuiltinStandard(code: string): Standard | undefined {
  return BUILTIN_STANDARDS.find((s) => s.code === code);
}
