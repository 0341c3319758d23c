// A small SMTP server on 127.0.0.1 that speaks just enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
// QUIT) to fail where a real one cannot be made to: it takes a whole message and then drops the connection (or
// never answers) before its 250 reply, or drops it in the middle of the data. Every message whose final dot
// arrived is kept, so a test can count what a customer would have received.
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

/** What the server does once the final dot of message `index` (from 0) has arrived. */
export type AfterData = 'accept' | 'drop' | 'silence';

export interface FaultySmtpOptions {
  afterData?: (index: number) => AfterData;
  /** Drop the connection once this many bytes of the body of message `index` have arrived (before its end). */
  dropDuringData?: (index: number) => number | undefined;
}

export interface FaultySmtpServer {
  port: number;
  /** The raw data of each message whose final dot arrived, in order. */
  messages: string[];
  /** Connections accepted (a pass that stops after a failure opens no new one). */
  connections: number;
  close(): Promise<void>;
}

export async function startFaultySmtpServer(options: FaultySmtpOptions = {}): Promise<FaultySmtpServer> {
  const messages: string[] = [];
  const sockets = new Set<Socket>();
  let dataIndex = 0;
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    let body = '';
    let index = 0;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 faulty.test ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          const limit = options.dropDuringData?.(index);
          if (limit !== undefined && (end < 0 ? body.length + buffer.length : body.length + end) >= limit) {
            socket.destroy();
            return;
          }
          if (end < 0) {
            body += buffer;
            buffer = '';
            return;
          }
          body += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(body);
          const after = options.afterData?.(index) ?? 'accept';
          if (after === 'drop') {
            socket.destroy();
            return;
          }
          if (after === 'accept') reply(`250 2.0.0 Ok: queued as Q${index}`);
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-faulty.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') reply('250 2.0.0 Ok');
        else if (verb === 'DATA') {
          inData = true;
          body = '';
          index = dataIndex++;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
          return;
        } else reply('502 5.5.2 Error: command not recognized');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    messages,
    get connections() {
      return connections;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
