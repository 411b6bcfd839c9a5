/**
 * The embedded database is single-process: PGlite runs PostgreSQL inside this process, and two processes on one
 * data folder would corrupt it. A lock file next to the database folder (`<dataDir>/db.lock`) records who holds
 * it: `{ pid, host, startedAt, token }`.
 *
 * - Created atomically (`open(…, 'wx')`): of two processes starting together, exactly one wins.
 * - Held by a live process → CpError DATABASE_LOCKED naming the pid, host and start time.
 * - Stale (its pid is dead on this host, or the pid was reused by a process that started after the lock was
 *   written, read from /proc on Linux) → taken over. The take-over runs under a second lock file
 *   (`db.lock.takeover`) so two processes cannot both replace the same stale lock.
 * - A lock from another host cannot be checked and is treated as held (the message says so).
 * - Released on close, and on process exit if the holder forgets.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { CpError } from '@cpaudit/core';

export interface LockInfo {
  pid: number;
  host: string;
  /** ISO time the holder wrote the lock. */
  startedAt: string;
  /** Random id of this holding, so a holder only ever removes its own lock. */
  token: string;
}

export interface DirectoryLock {
  readonly path: string;
  readonly info: LockInfo;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** A lock file younger than this that cannot be parsed is being written by its creator: treat it as held. */
const UNREADABLE_GRACE_MS = 10_000;
/** A take-over guard older than this was left by a crashed process. */
const TAKEOVER_GUARD_STALE_MS = 30_000;
/** Tolerance between a lock's `startedAt` and its process's start time read from /proc (clock ticks, skew). */
const PID_REUSE_SLACK_MS = 5_000;

type Held =
  | { kind: 'missing' }
  | { kind: 'unreadable'; raw: string; ageMs: number }
  | { kind: 'lock'; raw: string; info: LockInfo };

function errCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return undefined;
}

function parseLock(raw: string): LockInfo | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return undefined;
    const pid = 'pid' in v ? v.pid : undefined;
    const host = 'host' in v ? v.host : undefined;
    const startedAt = 'startedAt' in v ? v.startedAt : undefined;
    const token = 'token' in v ? v.token : undefined;
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
    if (typeof host !== 'string' || typeof startedAt !== 'string' || typeof token !== 'string')
      return undefined;
    return { pid, host, startedAt, token };
  } catch {
    return undefined;
  }
}

function readHeld(path: string): Held {
  let raw: string;
  let mtimeMs: number;
  try {
    raw = readFileSync(path, 'utf8');
    mtimeMs = statSync(path).mtimeMs;
  } catch (e) {
    if (errCode(e) === 'ENOENT') return { kind: 'missing' };
    throw e;
  }
  const info = parseLock(raw);
  return info ? { kind: 'lock', raw, info } : { kind: 'unreadable', raw, ageMs: Date.now() - mtimeMs };
}

/**
 * Start time of a process from /proc (Linux), in ms since the epoch; undefined where /proc is not available.
 * /proc/<pid>/stat field 22 is the start time in clock ticks after boot (USER_HZ, 100 on every mainstream
 * Linux build); /proc/stat `btime` is the boot time in seconds.
 */
export function processStartTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[22 - 3]);
    const btimeLine = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('btime '));
    const btime = Number(btimeLine?.slice('btime '.length));
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return undefined;
    const USER_HZ = 100;
    return btime * 1000 + (ticks * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

/** Whether `pid` names a live process on this host (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
}

/** Why a lock held by `info` is stale, or undefined when its holder may still be running. */
export function staleReason(info: LockInfo): string | undefined {
  if (info.host !== hostname()) return undefined;
  if (!pidAlive(info.pid)) return `process ${info.pid} is not running`;
  const lockedAt = Date.parse(info.startedAt);
  const started = processStartTimeMs(info.pid);
  if (started !== undefined && Number.isFinite(lockedAt) && started > lockedAt + PID_REUSE_SLACK_MS) {
    return `process ${info.pid} started after the lock was written (pid reused)`;
  }
  return undefined;
}

function lockedError(what: string, lockPath: string, held: Held): CpError {
  if (held.kind === 'lock') {
    const { pid, host, startedAt } = held.info;
    const where = host === hostname() ? '' : ` on host ${host}`;
    const remote =
      host === hostname()
        ? ''
        : ` (a lock from another host cannot be checked: delete ${lockPath} if it is stale)`;
    return new CpError(
      'DATABASE_LOCKED',
      `the embedded database at ${what} is in use by process ${pid}${where} (started ${startedAt}); stop it or set DATABASE_URL${remote}`,
    );
  }
  return new CpError(
    'DATABASE_LOCKED',
    `the embedded database at ${what} is being opened by another process (lock file ${lockPath}); stop it or set DATABASE_URL`,
  );
}

/** Replaces the stale lock `stale` (same raw content) under the take-over guard. */
function takeOver(lockPath: string, staleRaw: string): void {
  const guard = `${lockPath}.takeover`;
  try {
    writeFileSync(guard, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if (errCode(e) !== 'EEXIST') throw e;
    let ageMs = 0;
    try {
      ageMs = Date.now() - statSync(guard).mtimeMs;
    } catch {
      return; // the other taker just finished: retry from the top
    }
    if (ageMs > TAKEOVER_GUARD_STALE_MS) {
      try {
        unlinkSync(guard);
      } catch {
        // someone else removed it
      }
    }
    return;
  }
  try {
    const now = readHeld(lockPath);
    // Only remove the very lock judged stale: if it changed meanwhile, someone else took over first.
    if (now.kind !== 'missing' && now.raw === staleRaw) unlinkSync(lockPath);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the lock file `lockPath` for this process.
 * @param what the resource named in the error message (the database folder).
 * @throws CpError DATABASE_LOCKED when a live process holds it.
 */
export function acquireLock(lockPath: string, what: string): DirectoryLock {
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  const content = `${JSON.stringify(info)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(lockPath, content, { flag: 'wx' });
      return holding(lockPath, info, content);
    } catch (e) {
      if (errCode(e) !== 'EEXIST') throw e;
    }
    const held = readHeld(lockPath);
    if (held.kind === 'missing') continue;
    if (held.kind === 'unreadable') {
      if (held.ageMs < UNREADABLE_GRACE_MS) throw lockedError(what, lockPath, held);
      takeOver(lockPath, held.raw);
      continue;
    }
    if (staleReason(held.info) === undefined) throw lockedError(what, lockPath, held);
    takeOver(lockPath, held.raw);
  }
  throw lockedError(what, lockPath, readHeld(lockPath));
}

function holding(path: string, info: LockInfo, content: string): DirectoryLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readFileSync(path, 'utf8') === content) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.on('exit', release);
  return { path, info, release };
}
