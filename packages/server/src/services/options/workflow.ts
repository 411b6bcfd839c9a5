/**
 * The status workflow of an option (issue 3): proposed → screened → feasible | rejected → implementing →
 * implemented → verified, with the transitions of OPTION_STATUS_TRANSITIONS only (409 STATE_CONFLICT otherwise),
 * each done by whoever holds its power (TRANSITION_POWER: panel/bureau screen and verify, the enterprise reports
 * the implementation of its own options).
 */
import type { optionTransitionBody } from '@cpaudit/contract';
import { CpError } from '@cpaudit/core';
import type { z } from 'zod';
import { cpOptions, type NewCpOption, throwVersionFailure, versionMatches } from '../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { loadOption, requirePower, TRANSITION_POWER, transitionRule, writeMapped } from './access.ts';
import { getOption } from './options.ts';

type Body = z.output<typeof optionTransitionBody>;

/** The calendar day of `d` in China (UTC+8, no daylight saving), as 'YYYY-MM-DD'. */
function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function transitionOption(ctx: ServiceContext, id: string, body: Body) {
  const o = await loadOption(ctx.db, ctx, id);
  const from = o.row.status;
  const to = body.to;
  const rule = transitionRule(o, to);
  if (rule) throw new CpError('STATE_CONFLICT', rule, { field: 'to' });
  const power = TRANSITION_POWER[from][to];
  if (power === undefined)
    throw new CpError('STATE_CONFLICT', `no transition ${from} → ${to}`, { field: 'to' });
  requirePower(o, power, `move from ${from} to ${to}`);

  const today = chinaDay(ctx.now());
  const set: Partial<NewCpOption> = { status: to, statusChangedAt: ctx.now() };
  if (to === 'rejected') {
    if (!body.reason) throw new CpError('VALIDATION', 'a rejection needs a reason', { field: 'reason' });
    set.rejectionReason = body.reason;
  } else if (from === 'rejected') {
    set.rejectionReason = null;
  }
  if (to === 'implemented' && from === 'implementing') {
    const on = body.implementedOn ?? o.row.implementedOn;
    if (!on) {
      throw new CpError(
        'VALIDATION',
        'implementedOn (实施完成日期) is required to report an option implemented',
        {
          field: 'implementedOn',
        },
      );
    }
    if (on > today)
      throw new CpError('VALIDATION', 'implementedOn is in the future', { field: 'implementedOn' });
    set.implementedOn = on;
  }
  if (to === 'verified') {
    if (!body.verifiedOn) {
      throw new CpError('VALIDATION', 'verifiedOn (核实日期) is required to verify', { field: 'verifiedOn' });
    }
    if (body.verifiedOn > today) {
      throw new CpError('VALIDATION', 'verifiedOn is in the future', { field: 'verifiedOn' });
    }
    if (o.row.implementedOn && body.verifiedOn < o.row.implementedOn) {
      throw new CpError('VALIDATION', 'verifiedOn is before implementedOn', { field: 'verifiedOn' });
    }
    set.verifiedOn = body.verifiedOn;
    set.verifiedBy = ctx.actor.userId;
  }
  if (from === 'verified') {
    set.verifiedOn = null;
    set.verifiedBy = null;
  }
  await writeMapped(ctx, async (tx) => {
    const [row] = await tx
      .update(cpOptions)
      .set(set)
      .where(versionMatches(cpOptions, id, body.version))
      .returning({ id: cpOptions.id });
    if (!row) await throwVersionFailure(tx, cpOptions, id, body.version, 'option');
  });
  return getOption(ctx, id);
}
