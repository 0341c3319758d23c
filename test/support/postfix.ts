// A real Postfix 3.7 with Dovecot SASL on 127.0.0.1 for the e-mail tests (the `postfix` stage): its own config,
// queue and mailboxes in a temp folder, started by the test and stopped after. Debian packages postfix and
// dovecot-core (installed by .ci/run). Certificates: test/fixtures/postfix-tls (a test CA the stage trusts via
// NODE_EXTRA_CA_CERTS, a leaf for localhost/127.0.0.1, a leaf for other names, a self-signed one).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';

const TLS_DIR = path.resolve(__dirname, '../fixtures/postfix-tls');
export const POSTFIX_LOGIN = 'sklep@example.pl';
export const POSTFIX_PASSWORD = 'Tajne-Hasło-123!';

export interface PostfixPorts {
  /** Like port 25: no AUTH, STARTTLS offered (localhost certificate). */
  relay: number;
  /** Like 587: STARTTLS required, AUTH only after it, the sender must belong to the login. */
  submission: number;
  /** 465, implicit TLS + AUTH, when 127.0.0.1:465 could be bound (else undefined). */
  smtps?: number;
  /** AUTH offered without any TLS (a badly configured server). */
  plainAuth: number;
  /** STARTTLS required, with a trusted certificate for mail/smtp.optima-sync.test only. */
  otherName: number;
  /** STARTTLS required, self-signed certificate. */
  selfSigned: number;
  /** No AUTH, no relaying for this computer: mail to example.net (not delivered here) is "Relay access denied". */
  noRelay: number;
}

export interface Delivered {
  /** The address Postfix delivered to (its Delivered-To header). */
  mailbox: string;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface RealPostfix {
  ports: PostfixPorts;
  /** Messages delivered so far (in no particular order), parsed back. */
  delivered(): Promise<Delivered[]>;
  /** Waits until `count` messages are delivered (Postfix delivers asynchronously after "250 queued"). */
  waitForDelivered(count: number, timeoutMs?: number): Promise<Delivered[]>;
  /** Waits for the delivered message with this subject. */
  waitFor(subject: string, timeoutMs?: number): Promise<Delivered>;
  /** Lines of Postfix's own log (e.g. to count SASL failures). */
  log(): string;
  stop(): Promise<void>;
}

/** Why Postfix cannot run here (not installed, not root), or undefined. */
export function postfixUnavailable(): string | undefined {
  if (!existsSync('/usr/lib/postfix/sbin/master') || !existsSync('/usr/sbin/dovecot'))
    return 'postfix and dovecot-core are not installed (apt-get install postfix dovecot-core)';
  if (process.getuid?.() !== 0) return 'Postfix needs root to start';
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function canBind(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('data', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing answers on 127.0.0.1:${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

const id = (name: string, flag: '-u' | '-g') => execFileSync('id', [flag, name], { encoding: 'utf8' }).trim();

function mainCf(dir: string): string {
  const tls = (name: string) => `${TLS_DIR}/${name}.key, ${TLS_DIR}/${name}.pem`;
  return `compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.optima-sync.test
mydestination =
mynetworks = 127.0.0.0/8
relayhost =
maillog_file = ${dir}/maillog
maillog_file_prefixes = ${dir}
alias_maps =
alias_database =
# Every address (example.net aside) lands in one Maildir here; nothing leaves this machine (no relayhost).
default_transport = error:no mail leaves the test server
virtual_mailbox_domains = regexp:${dir}/domains
virtual_mailbox_base = ${dir}/mail
virtual_mailbox_maps = static:all/
virtual_uid_maps = static:${id('postfix', '-u')}
virtual_gid_maps = static:${id('postfix', '-g')}
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_sasl_auth_enable = no
smtpd_tls_chain_files = ${tls('localhost')}
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_sender_login_maps = regexp:${dir}/senders
smtpd_banner = $myhostname ESMTP Postfix (Debian/GNU)
# No pause after a rejected command (default 1 s): keeps the stage fast; the replies are the same.
smtpd_error_sleep_time = 0
`;
}

function masterCf(ports: PostfixPorts): string {
  const auth =
    '-o smtpd_sasl_auth_enable=yes -o smtpd_sender_restrictions=reject_sender_login_mismatch -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject';
  const tls = (name: string) => `-o smtpd_tls_chain_files=${TLS_DIR}/${name}.key,${TLS_DIR}/${name}.pem`;
  const services = [
    `127.0.0.1:${ports.relay} inet n - n - - smtpd`,
    `127.0.0.1:${ports.submission} inet n - n - - smtpd -o smtpd_tls_security_level=encrypt ${auth}`,
    `127.0.0.1:${ports.plainAuth} inet n - n - - smtpd -o smtpd_tls_security_level=none -o smtpd_tls_auth_only=no ${auth}`,
    `127.0.0.1:${ports.otherName} inet n - n - - smtpd -o smtpd_tls_security_level=encrypt ${tls('mail')} ${auth}`,
    `127.0.0.1:${ports.selfSigned} inet n - n - - smtpd -o smtpd_tls_security_level=encrypt ${tls('selfsigned')} ${auth}`,
    `127.0.0.1:${ports.noRelay} inet n - n - - smtpd -o smtpd_relay_restrictions=reject_unauth_destination`,
    ...(ports.smtps ? [`127.0.0.1:${ports.smtps} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes ${auth}`] : []),
  ];
  const internal = [
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'proxywrite unix - - n - 1 proxymap',
    'smtp unix - - n - - smtp',
    'relay unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'local unix - n n - - local',
    'virtual unix - n n - - virtual',
    'lmtp unix - - n - - lmtp',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    'postlog unix-dgram n - n - 1 postlogd',
  ];
  return [...services, ...internal].join('\n') + '\n';
}

function dovecotConf(dir: string): string {
  return `base_dir = ${dir}/dovecot/run
state_dir = ${dir}/dovecot/state
log_path = ${dir}/dovecot/log
protocols = none
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Answer a wrong password at once (Dovecot waits 2 s by default): keeps the stage fast.
auth_failure_delay = 0
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/dovecot/users
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/dovecot/home/%u
}
service auth {
  unix_listener ${dir}/queue/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
service anvil {
  chroot =
}
`;
}

export async function startPostfix(): Promise<RealPostfix> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optima-postfix-'));
  execFileSync('chmod', ['755', dir]);
  const ports: PostfixPorts = {
    relay: await freePort(),
    submission: await freePort(),
    plainAuth: await freePort(),
    otherName: await freePort(),
    selfSigned: await freePort(),
    noRelay: await freePort(),
    smtps: (await canBind(465)) ? 465 : undefined,
  };
  const config = path.join(dir, 'etc');
  for (const sub of ['etc', 'data', 'mail', 'queue', 'dovecot/run', 'dovecot/state', 'dovecot/home'])
    mkdirSync(path.join(dir, sub), { recursive: true });
  writeFileSync(path.join(config, 'main.cf'), mainCf(dir));
  writeFileSync(path.join(config, 'master.cf'), masterCf(ports));
  // Every domain but example.net is delivered here; example.net would be relayed (and is not, on noRelay).
  writeFileSync(path.join(dir, 'domains'), 'if !/(^|\\.)example\\.net$/\n/./ OK\nendif\n');
  writeFileSync(path.join(dir, 'senders'), `/^(.+@example\\.pl)$/ ${POSTFIX_LOGIN}\n`);
  writeFileSync(path.join(dir, 'dovecot/users'), `${POSTFIX_LOGIN}:{PLAIN}${POSTFIX_PASSWORD}\n`);
  writeFileSync(path.join(dir, 'dovecot.conf'), dovecotConf(dir));
  execFileSync('chown', ['-R', 'postfix:postfix', path.join(dir, 'data'), path.join(dir, 'mail')]);
  // Creates the queue directories with Postfix's own owners and modes.
  execFileSync('/usr/sbin/postfix', ['-c', config, 'set-permissions'], { stdio: 'pipe' });
  execFileSync('/usr/sbin/postfix', ['-c', config, 'check'], { stdio: 'pipe' });

  const children: ChildProcess[] = [];
  const spawnDaemon = (command: string, args: string[]) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk));
    children.push(child);
    return () => Buffer.concat(output).toString('utf8');
  };
  const masterOutput = spawnDaemon('/usr/lib/postfix/sbin/master', ['-c', config, '-d']);
  const dovecotOutput = spawnDaemon('/usr/sbin/dovecot', ['-F', '-c', path.join(dir, 'dovecot.conf')]);
  const stop = async () => {
    for (const child of children) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(ports.relay, 15_000);
    const deadline = Date.now() + 15_000;
    while (!existsSync(path.join(dir, 'queue/private/auth'))) {
      if (Date.now() > deadline) throw new Error('Dovecot did not open its auth socket');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    const logs = `${masterOutput()}\n${dovecotOutput()}\n${readIf(path.join(dir, 'maillog'))}\n${readIf(path.join(dir, 'dovecot/log'))}`;
    await stop();
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }

  const delivered = async (): Promise<Delivered[]> => {
    const folder = path.join(dir, 'mail/all/new');
    const names = existsSync(folder) ? readdirSync(folder) : [];
    return Promise.all(
      names.map(async (name) => {
        const raw = readFileSync(path.join(folder, name));
        const parsed = await simpleParser(raw);
        const to = parsed.headers.get('delivered-to') as { text?: string } | string | undefined;
        return { mailbox: typeof to === 'string' ? to : (to?.text ?? ''), raw, parsed };
      }),
    );
  };
  return {
    ports,
    delivered,
    async waitForDelivered(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const messages = await delivered();
        if (messages.length >= count) return messages;
        if (Date.now() > deadline)
          throw new Error(`expected ${count} delivered message(s), got ${messages.length}\n${readIf(path.join(dir, 'maillog'))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async waitFor(subject, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await delivered()).find((m) => m.parsed.subject === subject);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no delivered message "${subject}"\n${readIf(path.join(dir, 'maillog'))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    log: () => readIf(path.join(dir, 'maillog')),
    stop,
  };
}

function readIf(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** Starts one Postfix for the calling suite; skips it where Postfix cannot run (a failure in CI). */
export function withPostfix(): { readonly server: RealPostfix } {
  const holder: { server?: RealPostfix } = {};
  before(async function () {
    this.timeout(30_000);
    const missing = postfixUnavailable();
    if (missing) {
      if (process.env.CI) throw new Error(missing);
      this.skip();
    }
    if (path.resolve(process.env.NODE_EXTRA_CA_CERTS ?? '') !== path.join(TLS_DIR, 'ca.pem')) {
      throw new Error(
        `the tests trust the test CA through NODE_EXTRA_CA_CERTS=${path.join(TLS_DIR, 'ca.pem')}: run them with node test/run-all.mjs --only postfix`,
      );
    }
    holder.server = await startPostfix();
  });
  after(async () => {
    await holder.server?.stop();
  });
  return {
    get server() {
      return holder.server!;
    },
  };
}
