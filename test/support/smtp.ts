// A real SMTP server on 127.0.0.1 for tests: plain, STARTTLS or implicit TLS with a self-signed certificate
// made at test time, optional AUTH, and every received message parsed back with mailparser.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import selfsigned from 'selfsigned';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMessage {
  /** SMTP envelope: MAIL FROM and every RCPT TO. */
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  /** The user that logged in, if any. */
  user?: string;
}

export interface SmtpServerOptions {
  tls: 'none' | 'starttls' | 'implicit';
  /** When set, AUTH is required with exactly these credentials (535 otherwise). */
  auth?: { user: string; pass: string };
  /** Reject MAIL FROM of these addresses with 553. */
  refuseSenders?: string[];
  /** Reject RCPT TO of these addresses with the given reply ("550 5.1.1 <…>: …", as a real server words it). */
  refuseRecipients?: Record<string, string>;
  /** Awaited before the server answers 250 to a message (its index from 0): a test acts while a send is under way. */
  beforeAccept?: (index: number, message: ReceivedMessage) => Promise<void>;
  /** Port to listen on (default: any free port). Implicit TLS is chosen by port 465, so its tests ask for it. */
  port?: number;
}

export interface TestSmtpServer {
  port: number;
  host: '127.0.0.1';
  messages: ReceivedMessage[];
  /** Resolves when `count` messages have arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

/** One self-signed certificate for localhost / 127.0.0.1 per test process. */
export function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= selfsigned
    .generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ],
    })
    .then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

export async function startSmtpServer(options: SmtpServerOptions): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  let accepting = 0;
  const waiters: Array<() => void> = [];
  const tlsMaterial = options.tls === 'none' ? undefined : await selfSignedCertificate();
  const serverOptions: SMTPServerOptions = {
    secure: options.tls === 'implicit',
    hideSTARTTLS: options.tls === 'none',
    disabledCommands: [...(options.auth ? [] : ['AUTH']), ...(options.tls === 'starttls' ? [] : ['STARTTLS'])],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    ...(tlsMaterial ? { key: tlsMaterial.key, cert: tlsMaterial.cert } : {}),
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        const error = new Error('Authentication credentials invalid') as Error & { responseCode: number };
        error.responseCode = 535;
        callback(error);
      }
    },
    onMailFrom(address, _session, callback) {
      if (options.refuseSenders?.includes(address.address)) {
        const error = new Error(`Sender address rejected: ${address.address} not owned by user`) as Error & { responseCode: number };
        error.responseCode = 553;
        callback(error);
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const reply = options.refuseRecipients?.[address.address];
      if (reply) {
        const error = new Error(reply.slice(4)) as Error & { responseCode: number };
        error.responseCode = Number(reply.slice(0, 3));
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const message: ReceivedMessage = {
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
              user: typeof session.user === 'string' ? session.user : undefined,
            };
            const index = accepting++;
            return Promise.resolve(options.beforeAccept?.(index, message)).then(() => {
              messages.push(message);
              waiters.splice(0).forEach((wake) => wake());
              callback(null, `OK: queued as test-${messages.length}`);
            });
          },
          (error: Error) => callback(error),
        );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => {
    /* client errors (e.g. a refused certificate) are the tests' subject, not failures */
  });
  const netServer = (server as unknown as { server: import('node:net').Server }).server;
  await new Promise<void>((resolve, reject) => {
    netServer.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      netServer.off('error', reject);
      resolve();
    });
  });
  const port = (netServer.address() as AddressInfo).port;
  return {
    port,
    host: '127.0.0.1',
    messages,
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${messages.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
