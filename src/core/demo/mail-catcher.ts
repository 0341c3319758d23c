// A local SMTP server for the demo: accepts every message on 127.0.0.1 and keeps it as an .eml file in the
// deployment's outbox, so the consultant can open exactly what a customer would have received.
import { promises as fs } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { makePrivateFolder, writePrivateFile } from '../deployment/private-files';

export interface MailCatcher {
  port: number;
  outbox: string;
  /** Files written so far. */
  files: string[];
  close(): Promise<void>;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w@.-]+/g, '_')
    .slice(0, 60);
}

async function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // smtp-server re-emits its socket's errors on itself: a port in use would otherwise be an uncaught error.
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

/** Starts the catcher on `preferredPort` (falls back to any free port when it is taken). */
export async function startMailCatcher(outbox: string, preferredPort = 2525): Promise<MailCatcher> {
  // The outbox holds what customers would have received: names, addresses, invoices.
  await makePrivateFolder(outbox);
  const files: string[] = [];
  let counter = (await fs.readdir(outbox)).filter((f) => f.endsWith('.eml')).length;
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          const file = path.join(outbox, `${String(++counter).padStart(3, '0')}-${slug(to)}.eml`);
          writePrivateFile(file, Buffer.concat(chunks)).then(
            () => {
              files.push(file);
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
  let server = create();
  let port: number;
  try {
    port = await listen(server, preferredPort);
  } catch {
    server = create();
    port = await listen(server, 0);
  }
  return { port, outbox, files, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
