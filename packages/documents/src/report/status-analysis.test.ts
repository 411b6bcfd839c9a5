/**
 * 现状分析 in the industry report (issue 8): chapter 3.2 gains the compliance summary (表3.2), each enterprise
 * (表3.3) and each exceedance with the standard, table and clause (表3.4); chapter 4 the targets the potential
 * proposes (表4.3); 5.3 the potential per level and indicator (表5.3) and its chart (图5.1). Appendix B's headings
 * stay as they are. The figures are printed as given (the server took them from the core).
 */
import { describe, expect, it } from 'vitest';
import type { ReportStatusAnalysis } from './data.ts';
import { readDocx } from './read-docx.ts';
import { REPORT_CHAPTERS, renderAuditReport } from './render.ts';
import { sampleReportData } from './sample.ts';

const STATUS: ReportStatusAnalysis = {
  year: 2024,
  counts: { enterprises: 2, checked: 2, withExceedances: 1, doubleExceed: 1, doubleToxic: 2, highEnergy: 0 },
  taxTotal_wanYuan: 1.2345,
  rateDocument: '江苏省人大常委会公告第67号',
  enterprises: [
    {
      name: '样例甲电镀有限公司',
      checks: 7,
      exceedances: 1,
      doubleExceed: true,
      quotaExceeded: false,
      doubleToxic: true,
      highEnergy: false,
      tax_wanYuan: 0.7345,
    },
    {
      name: '样例乙电镀有限公司',
      checks: 5,
      exceedances: 0,
      doubleExceed: false,
      quotaExceeded: false,
      doubleToxic: true,
      highEnergy: false,
      tax_wanYuan: 0.5,
    },
  ],
  exceedances: [
    {
      enterprise: '样例甲电镀有限公司',
      pointName: '镀镍车间排放口',
      pointLabel: '车间或生产设施排放口',
      pollutant: '总镍',
      measured: 0.68,
      converted: 0.68,
      unit: 'mg/L',
      limit: 0.5,
      basis: 'GB 21900-2008 表2（4.1.2、4.1.3）',
    },
  ],
  potential: {
    systemName: '电镀行业清洁生产评价指标体系（2015）',
    levels: [
      {
        levelLabel: 'Ⅱ级',
        indicators: [
          { name: '单位产品每次清洗取水量', unit: 'm3', saved: 76637.08, enterprisesWorse: 9, rank: 1 },
          { name: '镍利用率', unit: 't', saved: 3.077, enterprisesWorse: 6, rank: 2 },
        ],
        industry: { water_m3: 76637.08, energy_tce: 0, co2_t: 0, materials_t: 3.077, total_wanYuan: 0 },
        targets: [{ item: '用水量', unit: 'm3/a', current: 424094.92, reduction: 76637.08, percent: 18.07 }],
      },
      {
        levelLabel: 'Ⅰ级',
        indicators: [
          { name: '单位产品每次清洗取水量', unit: 'm3', saved: 150000, enterprisesWorse: 20, rank: 1 },
          { name: '镍利用率', unit: 't', saved: 5.5, enterprisesWorse: 12, rank: 2 },
        ],
        industry: { water_m3: 150000, energy_tce: 0, co2_t: 0, materials_t: 5.5, total_wanYuan: 0 },
        targets: [],
      },
    ],
  },
  potentialNote: null,
};

describe('status analysis in the report', () => {
  it('prints tables 3.2–3.4, 4.3 and 5.3 and the potential chart, Appendix B headings unchanged', async () => {
    const data = { ...sampleReportData({ enterprises: 2 }), statusAnalysis: STATUS };
    const doc = await readDocx(await renderAuditReport(data));
    expect(doc.headings(1)).toEqual([...REPORT_CHAPTERS]);
    expect(doc.headings(2)).toContain('3.2 行业基本情况');

    const summary = doc.table('企业数', '有监测数据');
    expect(summary).toEqual([
      ['企业数', '有监测数据', '存在超标', '双超', '双有', '高耗能', '环境保护税（万元/年）'],
      ['2', '2', '1', '1', '2', '0', '1.23'],
    ]);
    const perEnterprise = doc.table('序号', '企业名称', '判定项数');
    expect(perEnterprise?.[1]).toEqual(['1', '样例甲电镀有限公司', '7', '1', '是', '—', '是', '—', '0.73']);
    expect(perEnterprise).toHaveLength(3);
    const exceed = doc.table('序号', '企业名称', '监控位置');
    expect(exceed?.[1]).toEqual([
      '1',
      '样例甲电镀有限公司',
      '车间或生产设施排放口（镀镍车间排放口）',
      '总镍',
      '0.680 mg/L',
      '0.680',
      '0.500',
      'GB 21900-2008 表2（4.1.2、4.1.3）',
    ]);

    const proposed = doc.table('序号', '项目', '现状（/年）');
    expect(proposed?.[1]).toEqual(['1', '用水量', '424,094.92', '76,637.08', '18.1%', 'm3/a']);
    const potential = doc.table('目标水平', '排名', '指标');
    expect(potential?.slice(1).map((r) => [r[0], r[2], r[4]])).toEqual([
      ['Ⅱ级', '单位产品每次清洗取水量', '76,637'],
      ['Ⅱ级', '镍利用率', '3.077'],
      ['Ⅰ级', '单位产品每次清洗取水量', '150,000'],
      ['Ⅰ级', '镍利用率', '5.500'],
    ]);
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts).toContain('图5.1 各指标达到Ⅱ级、Ⅰ级水平的削减潜力（对数坐标）');
    expect(texts.some((t) => t.includes('全部达到Ⅱ级：节水76,637 m³/年'))).toBe(true);
    // The order: compliance in chapter 3, the proposal in 4, the potential in 5.
    const at = (s: string) => texts.indexOf(s);
    expect(at('表3.2 达标情况汇总')).toBeGreaterThan(at('3.2 行业基本情况'));
    expect(at('表3.2 达标情况汇总')).toBeLessThan(at(REPORT_CHAPTERS[3]));
    expect(at('表5.3 清洁生产潜力（按指标）')).toBeGreaterThan(at('5.3 清洁生产潜力分析'));
  });

  it('says so when no status analysis was computed', async () => {
    const data = { ...sampleReportData({ enterprises: 1 }), statusAnalysis: null };
    const doc = await readDocx(await renderAuditReport(data));
    expect(doc.table('企业数', '有监测数据')).toBeUndefined();
    expect(doc.paragraphs.some((p) => p.text.includes('达标情况'))).toBe(true);
  });
});
