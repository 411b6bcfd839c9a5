/**
 * The per-audit memo shared between concurrent callers: an audit being computed is computed once whoever asks for it
 * meanwhile (at the same fingerprint); a failed computation leaves the waiting callers to compute it themselves.
 * The database handle is only the memo's key here, so a plain object stands for it.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/index.ts';
import { AUDITS_PER_COMPUTE, memoizedByAudit, memoStats } from './audit-memo.ts';

function handle(): Database {
  return {} as Database;
}

/** A compute function that records the audits it was given and answers after a turn of the event loop. */
function recorder(fail?: (ids: string[]) => boolean) {
  const calls: string[][] = [];
  const compute = async (ids: string[]) => {
    calls.push(ids);
    await new Promise((r) => setTimeout(r, 5));
    if (fail?.(ids)) throw new Error(`compute failed for ${ids.join(',')}`);
    return new Map(ids.map((id) => [id, { id, at: calls.length }]));
  };
  return { calls, compute };
}

const fp = (ids: string[], print = 'v1') => new Map(ids.map((id) => [id, print]));

describe('memoizedByAudit', () => {
  it('computes an audit once for concurrent callers, who get the same value', async () => {
    const db = handle();
    const { calls, compute } = recorder();
    const before = structuredClone(memoStats.collection);
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const [x, y, z] = await Promise.all([
      memoizedByAudit(db, fp(ids), compute, 'collection'),
      memoizedByAudit(db, fp(['c', 'f', 'g']), compute, 'collection'),
      memoizedByAudit(db, fp(ids), compute, 'collection'),
    ]);
    expect(calls.flat().sort()).toEqual([...ids, 'g'].sort());
    for (const id of ids) expect(z.get(id)).toBe(x.get(id));
    expect(y.get('c')).toBe(x.get('c'));
    expect(y.get('f')).toBe(x.get('f'));
    expect(y.get('g')).toEqual({ id: 'g', at: expect.any(Number) });
    expect(memoStats.collection.computed - before.computed).toBe(7);
    expect(memoStats.collection.shared - before.shared).toBe(8);
    // Chunks stay bounded.
    for (const c of calls) expect(c.length).toBeLessThanOrEqual(AUDITS_PER_COMPUTE);
    // Afterwards: from the memo, nothing computed.
    const again = await memoizedByAudit(db, fp(ids), compute, 'collection');
    expect(calls.flat()).toHaveLength(7);
    expect(again.get('a')).toBe(x.get('a'));
  });

  it('does not share a computation of other inputs (another fingerprint)', async () => {
    const db = handle();
    const { calls, compute } = recorder();
    const [old, changed] = await Promise.all([
      memoizedByAudit(db, fp(['a'], 'v1'), compute, 'collection'),
      memoizedByAudit(db, fp(['a'], 'v2'), compute, 'collection'),
    ]);
    expect(calls).toEqual([['a'], ['a']]);
    expect(old.get('a')).not.toBe(changed.get('a'));
  });

  it('a waiting caller computes what the first caller failed to compute', async () => {
    const db = handle();
    let failures = 1;
    const { calls, compute } = recorder(() => failures-- > 0);
    const [first, second] = await Promise.allSettled([
      memoizedByAudit(db, fp(['a', 'b']), compute, 'collection'),
      memoizedByAudit(db, fp(['a', 'b']), compute, 'collection'),
    ]);
    expect(first.status).toBe('rejected');
    expect(second.status === 'fulfilled' && [...second.value.keys()].sort()).toEqual(['a', 'b']);
    expect(calls).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });
});
