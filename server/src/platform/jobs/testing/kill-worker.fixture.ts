// A worker process for the SIGKILL test: claims the slow job, notes that it started, and hangs until killed.
import { appendFileSync } from 'node:fs';
import { openDatabase, openSqlite } from '../../db/database.ts';
import { createLogger } from '../../log/logger.ts';
import { createJobRunner } from '../job-runner.ts';

const [target, marker] = process.argv.slice(2);
if (!target || !marker)
  throw new Error('usage: kill-worker.fixture.ts <sqlite file | postgres url> <marker file>');
const handle = target.startsWith('postgres')
  ? await openDatabase({ dataDir: '.', databaseUrl: target })
  : openSqlite(target);
const runner = createJobRunner(handle, {
  log: createLogger('silent'),
  leaseMs: 500,
  pollMs: 50,
  handlers: [
    {
      kind: 'test.slow',
      run: () => {
        appendFileSync(marker, 'started\n');
        return new Promise(() => undefined);
      },
    },
  ],
});
runner.start();
