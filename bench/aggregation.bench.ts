/**
 * The aggregation behind the Appendix B tables 7.2/7.3 (`auditPerformance`: the audit's options and benefits read,
 * then the core's `aggregateIndustryReport`) on the synthetic province, next to one hand-written SQL query computing
 * the same totals (counts, investment and economic benefit per cost class of the implemented options, benefit sums by
 * item), in the same run: for the largest (≈ 500-enterprise) audit, and for the whole province (every audit; the
 * SQL grouped by audit). Runs in a child process; its peak RSS is printed.
 *
 *   npm run bench -- aggregation
 */
import { backends, ensureProvince, printBuild, printTaskRows, runTask } from './province.ts';

export default async function aggregationBench(): Promise<void> {
  for (const backend of backends()) {
    const loc = await ensureProvince(backend);
    printBuild(loc);
    printTaskRows(backend, 'Appendix B tables 7.2/7.3 aggregation', await runTask('aggregation', loc));
  }
}
