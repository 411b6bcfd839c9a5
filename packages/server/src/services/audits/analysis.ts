/**
 * 现状分析评价 (guideline 7.2.1.3) and the narrative headings of the industry audit report (Appendix B 1, 3, 5–7):
 * one text per heading, for the industry (no enterprise) or for one listed enterprise, with optional figures.
 * Enterprise users see the industry-level texts and their own enterprise's.
 */
import type { auditAnalysisEntrySchema, auditAnalysisSchema, putAuditAnalysisBody } from '@cpaudit/contract';
import { CpError, type Source, SRC_JS_GUIDELINE } from '@cpaudit/core';
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  ANALYSIS_SECTIONS,
  type AuditAnalysisSection,
  auditAnalysisSections,
  type Db,
  enterprises,
  throwVersionFailure,
  versionMatches,
} from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import {
  listedEnterpriseIds,
  loadAuditAccess,
  requireListed,
  requireManage,
  stamps,
  writeAudit,
} from './access.ts';

type Section = (typeof ANALYSIS_SECTIONS)[number];
type EntryDto = z.input<typeof auditAnalysisEntrySchema>;

/** The headings, as the guideline and Appendix B print them, with where each comes from. */
export const ANALYSIS_HEADINGS: Readonly<Record<Section, { titleZh: string; source: Source }>> = {
  industry_overview: { titleZh: '行业基本现状', source: SRC_JS_GUIDELINE('附录B 1 行业基本现状') },
  survey_methods: { titleZh: '调查方法', source: SRC_JS_GUIDELINE('附录B 3.1 调查方法') },
  industry_status: { titleZh: '行业基本情况', source: SRC_JS_GUIDELINE('附录B 3.2 行业基本情况') },
  policy_compliance: { titleZh: '相关政策法规符合性分析', source: SRC_JS_GUIDELINE('7.2.1.3 a) 符合性分析') },
  cp_level: {
    titleZh: '清洁生产水平（对照行业清洁生产评价指标体系）',
    source: SRC_JS_GUIDELINE('7.2.1.3 a) 对照行业清洁生产评价指标体系'),
  },
  standards_comparison: {
    titleZh: '对照排放标准、能耗限额',
    source: SRC_JS_GUIDELINE('7.2.1.3 a) 排放标准、能耗限额'),
  },
  resource_efficiency: {
    titleZh: '资源能源利用效率',
    source: SRC_JS_GUIDELINE('7.2.1.3 a) 资源能源利用效率'),
  },
  pollutant_intensity: { titleZh: '污染物产排强度', source: SRC_JS_GUIDELINE('7.2.1.3 a) 污染物产排强度') },
  ghg: { titleZh: '温室气体排放现状', source: SRC_JS_GUIDELINE('7.2.1.3 a) 温室气体排放现状') },
  gap_to_advanced: {
    titleZh: '与先进水平的差距',
    source: SRC_JS_GUIDELINE('7.2.1.3 b) 行业与先进水平的差距'),
  },
  problem_distribution: {
    titleZh: '主要问题的分布特征及优先级',
    source: SRC_JS_GUIDELINE('7.2.1.3 b) 主要问题的分布特征及优先级'),
  },
  potential: { titleZh: '清洁生产潜力分析', source: SRC_JS_GUIDELINE('附录B 5.3 清洁生产潜力分析') },
  feasibility: { titleZh: '可行性分析', source: SRC_JS_GUIDELINE('附录B 6.2 可行性分析；7.3.2') },
  implementation: {
    titleZh: '清洁生产方案实施情况',
    source: SRC_JS_GUIDELINE('附录B 7.1 清洁生产方案实施情况'),
  },
  performance: { titleZh: '绩效评估', source: SRC_JS_GUIDELINE('附录B 7.2 绩效评估；7.5.1') },
};

function dto(r: AuditAnalysisSection, enterpriseName: string | null): EntryDto {
  return {
    id: r.id,
    section: r.section,
    enterpriseId: r.enterpriseId,
    enterpriseName,
    content: r.content,
    figures: r.figures ?? null,
    ...stamps(r),
  };
}

async function entries(db: Db, where: SQL | undefined) {
  const rows = await db
    .select({ r: auditAnalysisSections, enterpriseName: enterprises.name })
    .from(auditAnalysisSections)
    .leftJoin(enterprises, eq(enterprises.id, auditAnalysisSections.enterpriseId))
    .where(where)
    .orderBy(
      asc(auditAnalysisSections.sortOrder),
      asc(enterprises.name),
      asc(auditAnalysisSections.createdAt),
    );
  return rows.map((x) => dto(x.r, x.enterpriseName));
}

export async function getAnalysis(
  ctx: ServiceContext,
  auditId: string,
  enterpriseId: string | undefined,
): Promise<z.input<typeof auditAnalysisSchema>> {
  const access = await loadAuditAccess(ctx.db, ctx.actor, auditId);
  const conds: SQL[] = [eq(auditAnalysisSections.auditId, auditId)];
  if (access.enterprises !== null) {
    const own =
      access.enterprises.length === 0
        ? undefined
        : inArray(auditAnalysisSections.enterpriseId, access.enterprises);
    const seen = own
      ? or(isNull(auditAnalysisSections.enterpriseId), own)
      : isNull(auditAnalysisSections.enterpriseId);
    if (seen) conds.push(seen);
  }
  if (enterpriseId) {
    const one = or(
      isNull(auditAnalysisSections.enterpriseId),
      eq(auditAnalysisSections.enterpriseId, enterpriseId),
    );
    if (one) conds.push(one);
  }
  const all = await entries(ctx.db, and(...conds));
  return {
    auditId,
    sections: ANALYSIS_SECTIONS.map((section) => ({
      section,
      titleZh: ANALYSIS_HEADINGS[section].titleZh,
      source: ANALYSIS_HEADINGS[section].source,
      entries: all.filter((e) => e.section === section),
    })),
  };
}

/**
 * Writes one heading's text. The audit row is locked, so two first writes of the same heading cannot both insert:
 * the second finds the first and, having no version, gets VERSION_CONFLICT.
 */
export async function putAnalysisSection(
  ctx: ServiceContext,
  auditId: string,
  section: Section,
  body: z.output<typeof putAuditAnalysisBody>,
): Promise<EntryDto> {
  return writeAudit(ctx, async (tx) => {
    await requireManage(tx, ctx.actor, auditId, { lock: true });
    const enterpriseId = body.enterpriseId;
    if (enterpriseId !== null)
      requireListed(await listedEnterpriseIds(tx, auditId), enterpriseId, 'enterpriseId');
    const [current] = await tx
      .select({ id: auditAnalysisSections.id, version: auditAnalysisSections.version })
      .from(auditAnalysisSections)
      .where(
        and(
          eq(auditAnalysisSections.auditId, auditId),
          eq(auditAnalysisSections.section, section),
          enterpriseId === null
            ? isNull(auditAnalysisSections.enterpriseId)
            : eq(auditAnalysisSections.enterpriseId, enterpriseId),
        ),
      )
      .orderBy(asc(auditAnalysisSections.createdAt))
      .limit(1);
    let id: string;
    if (!current) {
      if (body.version !== undefined) {
        throw new CpError('NOT_FOUND', `section ${section} has no text yet: send it without a version`, {
          field: 'version',
        });
      }
      const [row] = await tx
        .insert(auditAnalysisSections)
        .values({
          auditId,
          section,
          enterpriseId,
          content: body.content,
          figures: body.figures ?? null,
          sortOrder: ANALYSIS_SECTIONS.indexOf(section),
        })
        .returning({ id: auditAnalysisSections.id });
      if (!row) throw new CpError('INTERNAL', 'analysis insert returned nothing');
      id = row.id;
    } else {
      if (body.version === undefined) {
        throw new CpError(
          'VERSION_CONFLICT',
          `section ${section} already has text (version ${current.version}): reload and send the version you edited`,
          { field: 'version' },
        );
      }
      const set: Partial<typeof auditAnalysisSections.$inferInsert> = {
        content: body.content,
        updatedAt: new Date(),
      };
      if (body.figures !== undefined) set.figures = body.figures;
      const [row] = await tx
        .update(auditAnalysisSections)
        .set(set)
        .where(versionMatches(auditAnalysisSections, current.id, body.version))
        .returning({ id: auditAnalysisSections.id });
      if (!row)
        await throwVersionFailure(tx, auditAnalysisSections, current.id, body.version, 'analysis section');
      id = current.id;
    }
    const [entry] = await entries(tx, eq(auditAnalysisSections.id, id));
    if (!entry) throw new CpError('INTERNAL', 'analysis entry vanished');
    return entry;
  });
}
