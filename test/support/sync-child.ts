// One sync pass in its own process, as `optima-sync sync --allow-bulk` would run it; the crash tests kill it
// at a file-system step drawn from their seed (OPTIMA_KILL_AT, see kill-switch.ts). On a normal end it prints
// {"result", "emailsSent", "steps"}.
import { installKillSwitch, parseKillPoint, stepsTaken } from './kill-switch';
import { environmentSecrets } from '../../src/core/secrets';
import { silentLogger } from '../../src/core/log';
import { openDeployment } from '../../src/core/sync/open';
import { runSyncPass } from '../../src/core/sync/pass';
import { testClock } from './clock';

async function main(dir: string): Promise<void> {
  await installKillSwitch(dir, parseKillPoint(process.env.OPTIMA_KILL_AT));
  const opened = await openDeployment(dir, {
    secrets: environmentSecrets({}),
    logger: silentLogger,
    holder: 'crash-test child',
    now: testClock,
  });
  try {
    const summary = await runSyncPass(opened.deps, { allowBulk: true });
    process.stdout.write(JSON.stringify({ result: summary.result, emailsSent: summary.emailsSent, steps: stepsTaken() }) + '\n');
  } finally {
    await opened.close();
  }
}

main(process.argv[2]!).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(String(error?.stack ?? error) + '\n');
    process.exit(1);
  },
);
