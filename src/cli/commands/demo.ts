import path from 'node:path';
import { runDemo } from '../../core/demo/run-demo';
import { summaryForJson } from '../../core/sync/report';
import { type CliCommand, EXIT_FAILED, EXIT_OK, print } from '../command';
import { stderrLogger } from '../open';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Rehearse everything on embedded defaults: demo shop, sandbox ERP, local mail catcher, three sync passes',
  usage: 'demo [--dir D] [--json]',
  async run(context) {
    const dir = typeof context.values.dir === 'string' ? context.dir : path.resolve(context.io.cwd, 'optima-sync-demo');
    const report = await runDemo(dir, {
      logger: stderrLogger({ ...context, json: true }, false),
      say: (line) => !context.json && context.io.out(line),
      now: context.io.now,
    });
    const failed = report.passes.some((p) => p.result !== 'ok' || p.errors.length > 0);
    if (context.json) print(context, { ...report, passes: report.passes.map(summaryForJson) }, () => '');
    return failed ? EXIT_FAILED : EXIT_OK;
  },
};
