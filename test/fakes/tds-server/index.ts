// A minimal TDS (SQL Server wire protocol) server on loopback, enough for a real mssql/Tedious client to
// reach the points where SQL Server refuses it: the PRELOGIN answer (encryption not supported / required /
// on, then a TLS handshake with the given certificate, carried in PRELOGIN packets as TDS 7.x does), and
// the LOGIN7 answer with an ERROR token (e.g. 18456 "Login failed for user", 4060 "Cannot open database").
// It never completes a login: it exists to test how the integrator explains these refusals.
// Protocol reference: [MS-TDS] 2.2.3.1 packet header, 2.2.6.5 PRELOGIN, 2.2.7.10 ERROR, 2.2.7.6 DONE.
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';

const PACKET = { TABULAR_RESULT: 0x04, LOGIN7: 0x10, PRELOGIN: 0x12 } as const;
const ENCRYPT = { ON: 0x01, NOT_SUP: 0x02, REQ: 0x03 } as const;

export interface FakeTdsOptions {
  encryption: keyof typeof ENCRYPT;
  /** The ERROR token sent in answer to LOGIN7. */
  loginError?: { number: number; message: string; state?: number; class?: number };
  /** Certificate for the TLS handshake (encryption ON/REQ with a client that encrypts). */
  tls?: { key: string; cert: string };
}

export interface FakeTdsServer {
  port: number;
  /** LOGIN7 messages received (each a login attempt; Tedious retries "transient" errors such as 4060). */
  logins: number;
  close(): Promise<void>;
}

function packet(type: number, payload: Buffer, packetId = 1): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt8(0x01, 1); // end of message
  header.writeUInt16BE(8 + payload.length, 2);
  header.writeUInt8(packetId, 6);
  return Buffer.concat([header, payload]);
}

function preloginAnswer(encryption: number): Buffer {
  // Two options (VERSION, ENCRYPTION) and a terminator, then their data.
  const headerLength = 5 * 2 + 1;
  const options = Buffer.alloc(headerLength + 6 + 1);
  options.writeUInt8(0x00, 0);
  options.writeUInt16BE(headerLength, 1);
  options.writeUInt16BE(6, 3);
  options.writeUInt8(0x01, 5);
  options.writeUInt16BE(headerLength + 6, 6);
  options.writeUInt16BE(1, 8);
  options.writeUInt8(0xff, 10);
  options.writeUInt8(16, headerLength); // version 16.0.1000.0 (SQL Server 2022)
  options.writeUInt16BE(1000, headerLength + 2);
  options.writeUInt8(encryption, headerLength + 6);
  return packet(PACKET.TABULAR_RESULT, options);
}

function usVarchar(text: string): Buffer {
  const chars = Buffer.from(text, 'utf16le');
  const length = Buffer.alloc(2);
  length.writeUInt16LE(text.length);
  return Buffer.concat([length, chars]);
}

function bVarchar(text: string): Buffer {
  return Buffer.concat([Buffer.from([text.length]), Buffer.from(text, 'utf16le')]);
}

function loginErrorAnswer(error: NonNullable<FakeTdsOptions['loginError']>): Buffer {
  const fixed = Buffer.alloc(6);
  fixed.writeInt32LE(error.number, 0);
  fixed.writeUInt8(error.state ?? 1, 4);
  fixed.writeUInt8(error.class ?? 14, 5);
  const line = Buffer.alloc(4);
  line.writeInt32LE(1);
  const body = Buffer.concat([fixed, usVarchar(error.message), bVarchar('FAKE-SQL'), bVarchar(''), line]);
  const token = Buffer.alloc(3);
  token.writeUInt8(0xaa, 0);
  token.writeUInt16LE(body.length, 1);
  const done = Buffer.alloc(13);
  done.writeUInt8(0xfd, 0);
  done.writeUInt16LE(0x0002, 1); // DONE_ERROR
  return packet(PACKET.TABULAR_RESULT, Buffer.concat([token, body, done]));
}

/** Splits a byte stream into TDS packets. */
class PacketReader {
  private buffer = Buffer.alloc(0);
  push(chunk: Buffer): Array<{ type: number; payload: Buffer }> {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const packets: Array<{ type: number; payload: Buffer }> = [];
    while (this.buffer.length >= 8 && this.buffer.length >= this.buffer.readUInt16BE(2)) {
      const length = this.buffer.readUInt16BE(2);
      packets.push({ type: this.buffer.readUInt8(0), payload: this.buffer.subarray(8, length) });
      this.buffer = this.buffer.subarray(length);
    }
    return packets;
  }
}

export async function startFakeTdsServer(options: FakeTdsOptions): Promise<FakeTdsServer> {
  const sockets = new Set<net.Socket>();
  const state = { logins: 0 };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const reader = new PacketReader();
    let handshake: Duplex | undefined;
    socket.on('data', (chunk) => {
      for (const { type, payload } of reader.push(chunk)) {
        if (handshake) {
          // TLS handshake records travel inside PRELOGIN packets until the handshake ends.
          handshake.push(payload);
        } else if (type === PACKET.PRELOGIN) {
          socket.write(preloginAnswer(ENCRYPT[options.encryption]));
          if (options.encryption !== 'NOT_SUP' && options.tls) handshake = startHandshake(socket, options.tls);
        } else if (type === PACKET.LOGIN7) {
          state.logins++;
          if (options.loginError) socket.end(loginErrorAnswer(options.loginError));
          else socket.destroy();
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get logins() {
      return state.logins;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server-side TLS session whose records are wrapped in PRELOGIN packets. */
function startHandshake(socket: net.Socket, credentials: { key: string; cert: string }): Duplex {
  const carrier = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      if (!socket.destroyed) socket.write(packet(PACKET.PRELOGIN, chunk));
      callback();
    },
  });
  const secure = new tls.TLSSocket(carrier, { isServer: true, key: credentials.key, cert: credentials.cert });
  secure.on('error', () => socket.destroy());
  return carrier;
}
