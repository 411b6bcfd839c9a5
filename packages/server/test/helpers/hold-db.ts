/**
 * Child process for the lock tests: opens the embedded database in a data folder and reports on stdout as one
 * JSON line. Usage: node --import tsx hold-db.ts <dataDir> probe|hold
 * - probe: open, report, close, exit;
 * - hold: open, migrate, insert region 110000 (北京市), report, then keep the database open until stdin closes
 *   or the process is killed.
 */
import { isCpError } from '@cpaudit/core';
import { openDatabase } from '../../src/db/connect.ts';
import { regions } from '../../src/db/schema/index.ts';

const [dataDir, mode] = process.argv.slice(2);

function report(v: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(v)}\n`);
}

try {
  const database = await openDatabase({ dataDir: dataDir ?? './data' });
  if (mode === 'hold') {
    await database.migrate();
    await database.db.insert(regions).values({ code: '110000', name: '北京市' }).onConflictDoNothing();
  }
  report({ status: 'open', pid: process.pid });
  if (mode === 'hold') {
    await new Promise<void>((resolve) => {
      process.stdin.on('end', resolve);
      process.stdin.resume();
    });
  }
  await database.close();
} catch (e) {
  report(
    isCpError(e)
      ? { status: 'error', code: e.code, message: e.message }
      : { status: 'error', message: String(e) },
  );
  process.exitCode = 1;
}
