// The README's main job: a complete rehearsal on embedded defaults. A demo deployment (settings from init),
// the demo shop with sample orders, a local mail catcher writing .eml files, and four sync passes:
// import + post-import actions; realization (status change in the shop) + post-realization actions, where each
// FS waits for its KSeF number (KSeF is on from init); the sandbox's KSeF accepts them, and the next pass sends
// their e-mails with the PDF (number and KOD I code printed) and uploads; then nothing is left to do.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import type { Clock } from '../clock';
import { createDefaultDeployment, settingsPath } from '../deployment/files';
import { decideKsefOf, withSandbox } from '../erp/sandbox/session';
import { makePrivateFolder, writePrivateFile } from '../deployment/private-files';
import { plural, t } from '../l10n';
import type { Logger } from '../log';
import { environmentSecrets } from '../secrets';
import { demoPdfFolder, listDemoOrders, seedDemoShop, setDemoOrderStatus } from '../shops/demo/index';
import { openDeployment } from '../sync/open';
import { runSyncPass } from '../sync/pass';
import type { SyncSummary } from '../sync/types';
import { startMailCatcher } from './mail-catcher';

const DEMO_MARKER = path.join('.optima-sync', 'demo-deployment');

export interface DemoReport {
  dir: string;
  passes: SyncSummary[];
  realizedInShop: string[];
  /** The FSs that waited for KSeF in pass 2 and that the sandbox's KSeF then accepted. */
  acceptedInKsef: string[];
  outbox: string;
  emails: string[];
  pdfs: string[];
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Prepares the folder: new, empty, or an earlier demo (started over). Refuses a folder with other content. */
async function prepareFolder(dir: string): Promise<void> {
  if (await exists(path.join(dir, DEMO_MARKER))) {
    await fs.rm(dir, { recursive: true, force: true });
  } else if (await exists(dir)) {
    const entries = await fs.readdir(dir);
    if (entries.length > 0) throw new Error(t('{0} is not empty and is not an earlier demo: choose another folder with --dir', dir));
  }
  await fs.mkdir(dir, { recursive: true });
  await makePrivateFolder(path.join(dir, '.optima-sync'));
  await writePrivateFile(path.join(dir, DEMO_MARKER), t('Created by optima-sync demo; the next demo run in this folder starts it over.\n'));
}

async function setSettings(dir: string, edits: Array<[Array<string | number>, unknown]>): Promise<void> {
  const file = settingsPath(dir);
  let text = await fs.readFile(file, 'utf8');
  for (const [pointer, value] of edits)
    text = applyEdits(text, modify(text, pointer, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  await fs.writeFile(file, text);
}

export async function runDemo(dir: string, options: { logger: Logger; say: (line: string) => void; now: Clock }): Promise<DemoReport> {
  const { say, logger, now } = options;
  await prepareFolder(dir);
  await createDefaultDeployment(dir);
  const orders = await seedDemoShop(dir, { now: now() });
  const outbox = path.join(dir, '.optima-sync', 'outbox');
  const catcher = await startMailCatcher(outbox);
  await setSettings(dir, [
    [['email', 'smtp', 'host'], '127.0.0.1'],
    [['email', 'smtp', 'port'], catcher.port],
  ]);
  say(
    t(
      'Demo deployment: {0} (demo shop with {1} orders, sandbox ERP, test mode on; mail catcher on 127.0.0.1:{2})',
      dir,
      orders.length,
      catcher.port,
    ),
  );

  const passes: SyncSummary[] = [];
  const pass = async (label: string) => {
    const opened = await openDeployment(dir, { secrets: environmentSecrets({}), logger, holder: 'optima-sync demo', now });
    try {
      const summary = await runSyncPass(opened.deps, { allowBulk: false });
      passes.push(summary);
      const done = Object.values(summary.actions).reduce((n, c) => n + c.done, 0);
      const failed = Object.values(summary.actions).reduce((n, c) => n + c.failed, 0);
      say(
        t(
          '{0}: fetched {1}, imported {2}, realized {3}, actions done {4}, failed {5}, e-mails sent {6}',
          label,
          summary.fetched,
          summary.imported,
          summary.realized,
          done,
          failed,
          summary.emailsSent,
        ),
      );
      for (const error of summary.errors) say(`  ! ${error.order} ${error.action ?? ''}: ${error.message}`);
      if (summary.waitingForKsef.length > 0)
        say(
          `  … ${plural(summary.waitingForKsef.length, { one: 'waiting for KSeF to number it: {1}', other: 'waiting for KSeF to number them: {1}' }, summary.waitingForKsef.map((w) => `${w.salesDocument} (${w.number})`).join(', '))}`,
        );
    } finally {
      await opened.close();
    }
  };

  try {
    await pass(t('Pass 1 (import, post-import actions)'));
    // The merchant marks some orders as paid in the shop: realizeOnStatuses realizes them in the sandbox ERP.
    const waiting = (await listDemoOrders(dir, now())).filter((o) => o.status === 'processing');
    const realizedInShop = waiting.filter((_, i) => i % 2 === 0).map((o) => o.id);
    for (const id of realizedInShop) await setDemoOrderStatus(dir, id, 'paid', now());
    say(
      plural(
        realizedInShop.length,
        { one: 'In the shop: {0} order marked as paid ({1})', other: 'In the shop: {0} orders marked as paid ({1})' },
        waiting
          .filter((_, i) => i % 2 === 0)
          .map((o) => o.number)
          .join(', '),
      ),
    );
    await pass(t('Pass 2 (reverse update: realization, post-realization actions)'));
    // Each FS waits for KSeF: the sandbox's KSeF accepts it now, as `optima-sync sandbox ksef accept` does.
    const waitingForKsef = passes[1]!.waitingForKsef;
    for (const waiting of waitingForKsef) {
      const { ksef } = await withSandbox(dir, { write: true, holder: 'optima-sync demo', now }, (erp) =>
        decideKsefOf(erp, waiting.salesDocument, { accept: true }),
      );
      say(
        t(
          "KSeF (the sandbox's) accepts {0} of order {1} as {2}: its e-mail with the PDF and its upload waited for that number",
          waiting.salesDocument,
          waiting.number,
          ksef.number ?? '',
        ),
      );
    }
    await pass(t('Pass 3 (the invoices KSeF numbered: their e-mails with the PDF and uploads)'));
    await pass(t('Pass 4 (nothing left to do)'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const emails = (await fs.readdir(outbox)).filter((f) => f.endsWith('.eml')).map((f) => path.join(outbox, f));
    const pdfs = (await exists(demoPdfFolder(dir)))
      ? (await fs.readdir(demoPdfFolder(dir))).map((f) => path.join(demoPdfFolder(dir), f))
      : [];
    say('');
    say(t('E-mails (as .eml files, all to the test recipient): {0} in {1}', emails.length, outbox));
    say(t('Sales-document PDFs uploaded to the demo shop: {0} in {1}', pdfs.length, demoPdfFolder(dir)));
    say(t('State database: {0}', path.join(dir, '.optima-sync', 'state.sqlite')));
    say(t('Look around: optima-sync state --dir {0} · optima-sync sandbox list --dir {0} · code {0}', dir));
    return { dir, passes, realizedInShop, acceptedInKsef: waitingForKsef.map((w) => w.salesDocument), outbox, emails, pdfs };
  } finally {
    await catcher.close();
  }
}
