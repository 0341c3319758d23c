// optima-sync bridge: the Optima bridge on the Windows machine where Optima is installed (HTTPS, a bearer
// token, a COM worker that alone loads winax), or with --simulate over the COM simulator on any machine
// (plain HTTP on 127.0.0.1). Runs until SIGINT/SIGTERM. The operator's password comes from
// OPTIMA_SYNC_BRIDGE_OPERATOR_PASSWORD, never from the command line.
import { createHash, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_JOB_TIMEOUT_MS, startBridge } from '../../bridge/index';
import type { SimulatorSeed } from '../../bridge/simulator/schema';
import { t } from '../../core/l10n';
import { SecretRegistry, redactingLogger } from '../../core/log';
import { isLoopbackHost } from '../../core/net/transport-security';
import { type CliCommand, type CommandContext, EXIT_FAILED, EXIT_OK, UsageError } from '../command';
import { stderrLogger } from '../open';

export const OPERATOR_PASSWORD_VARIABLE = 'OPTIMA_SYNC_BRIDGE_OPERATOR_PASSWORD';
const DEFAULT_OPTIMA_DIR = 'C:\\Program Files\\Comarch ERP Optima';

function text(context: CommandContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    throw new UsageError(t('{0} {1} cannot be read: {2}', what, file, (error as Error).message));
  }
}

function port(context: CommandContext): number {
  const value = Number(text(context, 'port') ?? (context.values.simulate ? '8443' : ''));
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new UsageError(t('--port needs a port number (e.g. 8443).'));
  return value;
}

/** The bridge's whole configuration from the command line; every mistake is a usage error before anything starts. */
async function configure(context: CommandContext) {
  const simulate = context.values.simulate === true;
  const listen = text(context, 'listen') ?? '127.0.0.1';
  const tokenFile = text(context, 'token-file');
  const inlineToken = text(context, 'token');
  if (inlineToken && !simulate)
    throw new UsageError(t('--token is only for --simulate; give the real bridge its token in a file: --token-file T.'));
  const token = inlineToken ?? (tokenFile ? await readText(tokenFile, t('The token file')) : undefined);
  if (!token) throw new UsageError(t('The bridge needs a token: --token-file T (--token T with --simulate).'));
  if (token.length < 16) throw new UsageError(t('The token is too short: use at least 16 characters (e.g. 32 random ones).'));
  const cert = text(context, 'cert');
  const key = text(context, 'key');
  if (Boolean(cert) !== Boolean(key)) throw new UsageError(t('--cert and --key go together.'));
  if (!cert && !simulate) throw new UsageError(t('The bridge serves HTTPS: give it --cert C and --key K (PEM files).'));
  if (!cert && !isLoopbackHost(listen))
    throw new UsageError(t('Without --cert and --key the bridge listens only on this computer (127.0.0.1), never on {0}.', listen));
  const tls =
    cert && key
      ? { cert: Buffer.from(await readText(cert, t('The certificate'))), key: Buffer.from(await readText(key, t('The key'))) }
      : undefined;
  const seedFile = text(context, 'simulate-seed');
  const seed = seedFile ? (JSON.parse(await readText(seedFile, t('The simulator seed'))) as SimulatorSeed) : undefined;
  const timeout = Number(text(context, 'job-timeout') ?? DEFAULT_JOB_TIMEOUT_MS / 1000);
  if (!Number.isFinite(timeout) || timeout < 1) throw new UsageError(t('--job-timeout needs a number of seconds.'));
  const password = context.io.env[OPERATOR_PASSWORD_VARIABLE] ?? '';
  const dataDir = text(context, 'data')
    ? path.resolve(context.io.cwd, text(context, 'data')!)
    : simulate
      ? await fs.mkdtemp(path.join(os.tmpdir(), 'optima-bridge-'))
      : path.join(os.homedir(), '.optima-sync-bridge');
  const record = text(context, 'record');
  return {
    simulate,
    listen,
    token,
    tls,
    dataDir,
    temporaryData: simulate && !text(context, 'data'),
    jobTimeoutMs: timeout * 1000,
    worker: {
      backend: simulate ? ('simulator' as const) : ('winax' as const),
      company: text(context, 'company') ?? seed?.company ?? (simulate ? 'DEMO' : ''),
      operator: text(context, 'operator') ?? (simulate ? 'ADMIN' : ''),
      password,
      ...(simulate ? {} : { optimaDir: text(context, 'optima-dir') ?? DEFAULT_OPTIMA_DIR }),
      ...(seed ? { seed } : {}),
      ...(record ? { recordFile: path.resolve(context.io.cwd, record) } : {}),
    },
  };
}

export const bridgeCommand: CliCommand = {
  name: 'bridge',
  summary:
    "The Optima bridge on the Optima machine: creates documents through Comarch's COM API for the product (--simulate: over a simulator, on any machine)",
  usage:
    'bridge --port P --token-file T --cert C --key K --company FIRMA --operator OP [--listen 0.0.0.0] [--optima-dir D] [--data D] [--record FILE] [--job-timeout S] | bridge --simulate [--port P] --token T',
  options: {
    port: { type: 'string' },
    listen: { type: 'string' },
    'token-file': { type: 'string' },
    token: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    company: { type: 'string' },
    operator: { type: 'string' },
    'optima-dir': { type: 'string' },
    data: { type: 'string' },
    record: { type: 'string' },
    'job-timeout': { type: 'string' },
    simulate: { type: 'boolean' },
    'simulate-seed': { type: 'string' },
  },
  async run(context) {
    const config = await configure(context);
    if (!config.simulate && (!config.worker.company || !config.worker.operator))
      throw new UsageError(
        t(
          "Name the Optima company and the bridge's operator: --company FIRMA --operator OP (password in {0}).",
          OPERATOR_PASSWORD_VARIABLE,
        ),
      );
    const registry = new SecretRegistry();
    registry.add(config.token);
    registry.add(config.worker.password);
    const logger = redactingLogger(stderrLogger(context, context.io.env.OPTIMA_SYNC_VERBOSE === '1'), registry);
    let bridge;
    try {
      bridge = await startBridge({
        port: port(context),
        listen: config.listen,
        token: config.token,
        ...(config.tls ? { tls: config.tls } : {}),
        dataDir: config.dataDir,
        worker: config.worker,
        jobTimeoutMs: config.jobTimeoutMs,
        logger,
        now: context.io.now,
      });
    } catch (error) {
      context.io.err(t('The bridge cannot start: {0}', registry.redact((error as Error).message)));
      return EXIT_FAILED;
    }
    const fingerprint = config.tls ? new X509Certificate(config.tls.cert).fingerprint256 : undefined;
    context.io.out(
      config.simulate
        ? t('Optima bridge (simulated Optima, company {0}) listening on {1}', config.worker.company, bridge.url)
        : t('Optima bridge for the company {0} listening on {1}', config.worker.company, bridge.url),
    );
    if (fingerprint) context.io.out(t('Certificate SHA-256 fingerprint: {0}', fingerprint));
    context.io.out(
      t('Token SHA-256 (to compare, never the token itself): {0}', createHash('sha256').update(config.token).digest('hex').slice(0, 16)),
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await bridge.close();
    if (config.temporaryData) await fs.rm(config.dataDir, { recursive: true, force: true });
    context.io.out(t('Optima bridge stopped.'));
    return EXIT_OK;
  },
};
