// The write-ahead journal beside the state database (.optima-sync/state.journal). The database file is a
// checkpoint; every change after it is a framed, checksummed record appended and synced to the journal. The
// first record names the checkpoint it continues (size and CRC-32 of the database file), so a journal left
// over from before a newer checkpoint is recognised and ignored rather than replayed twice.
//
// Frame: u32 payload length, u32 CRC-32 of the payload (both big-endian), then the payload (UTF-8 JSON).
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import zlib from 'node:zlib';
import { writeFileAtomic } from './atomic-file';

export interface JournalHeader {
  journal: 1;
  /** The checkpoint this journal continues. */
  database: { bytes: number; crc32: number };
}

export interface JournalContents {
  header?: JournalHeader;
  /** The payloads of the whole records after the header, in order. */
  records: Uint8Array[];
  /** Where each record ends in the file (records[i] ends at recordEnds[i]); the header ends at headerBytes. */
  recordEnds: number[];
  headerBytes: number;
  /** Bytes of the file up to the end of the last whole record. */
  validBytes: number;
  /** Why the rest of the file was not read (a torn or damaged record), with its offset. */
  dropped?: { offset: number; bytes: number; reason: string };
}

const FRAME_HEADER = 8;
/** A record longer than this is damage, not data (a pass's biggest record is far smaller). */
const MAX_RECORD = 256 * 1024 * 1024;

export const crc32: (data: Uint8Array) => number = zlib.crc32 ?? tableCrc32;

export function checkpointOf(bytes: Uint8Array): JournalHeader['database'] {
  return { bytes: bytes.length, crc32: crc32(bytes) };
}

export function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, payload.length);
  view.setUint32(4, crc32(payload));
  out.set(payload, FRAME_HEADER);
  return out;
}

/** Splits a journal file into its header and whole records; a torn or damaged tail is reported, not thrown. */
export function parseJournal(bytes: Uint8Array): JournalContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const payloads: Uint8Array[] = [];
  const ends: number[] = [];
  let offset = 0;
  let dropped: JournalContents['dropped'];
  while (offset < bytes.length) {
    const rest = bytes.length - offset;
    if (rest < FRAME_HEADER) {
      dropped = { offset, bytes: rest, reason: 'torn frame header' };
      break;
    }
    const length = view.getUint32(offset);
    if (length > MAX_RECORD || length > rest - FRAME_HEADER) {
      dropped = { offset, bytes: rest, reason: length > MAX_RECORD ? 'damaged frame header' : 'torn record' };
      break;
    }
    const payload = bytes.subarray(offset + FRAME_HEADER, offset + FRAME_HEADER + length);
    if (crc32(payload) !== view.getUint32(offset + 4)) {
      dropped = { offset, bytes: rest, reason: 'checksum mismatch' };
      break;
    }
    payloads.push(payload);
    offset += FRAME_HEADER + length;
    ends.push(offset);
  }
  const [first, ...records] = payloads;
  const header = first ? parseHeader(first) : undefined;
  if (first && !header)
    return {
      records: [],
      recordEnds: [],
      headerBytes: 0,
      validBytes: 0,
      dropped: { offset: 0, bytes: bytes.length, reason: 'not a journal header' },
    };
  return { header, records, recordEnds: ends.slice(1), headerBytes: ends[0] ?? 0, validBytes: offset, ...(dropped ? { dropped } : {}) };
}

function parseHeader(payload: Uint8Array): JournalHeader | undefined {
  try {
    const value = JSON.parse(Buffer.from(payload).toString('utf8')) as Partial<JournalHeader>;
    if (value.journal === 1 && typeof value.database?.bytes === 'number' && typeof value.database.crc32 === 'number')
      return value as JournalHeader;
  } catch {
    // Not JSON: not our header.
  }
  return undefined;
}

export async function readJournal(file: string): Promise<JournalContents> {
  try {
    return parseJournal(await fs.readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], recordEnds: [], headerBytes: 0, validBytes: 0 };
    throw error;
  }
}

function encodeHeader(database: JournalHeader['database']): Uint8Array {
  return frame(Buffer.from(JSON.stringify({ journal: 1, database } satisfies JournalHeader), 'utf8'));
}

/** An open journal file: what the writer needs to make a record durable. */
export interface JournalFile {
  /** Writes at `position`; may write fewer bytes than given (a short write), and says how many it wrote. */
  write(bytes: Uint8Array, position: number): Promise<number>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** How the writer opens its journal: the real file system, or a layer that records (or fails) what it does. */
export interface JournalFileSystem {
  open(file: string): Promise<JournalFile>;
}

export const nodeJournalFiles: JournalFileSystem = {
  async open(file) {
    const handle: FileHandle = await fs.open(file, 'r+');
    return {
      write: async (bytes, position) => (await handle.write(bytes, 0, bytes.length, position)).bytesWritten,
      datasync: () => handle.datasync(),
      sync: () => handle.sync(),
      truncate: (length) => handle.truncate(length),
      close: () => handle.close(),
    };
  },
};

/** The open journal of a writer: appends synced records, and starts over after each checkpoint. */
export class JournalWriter {
  private handle: JournalFile | undefined;
  private length = 0;

  private constructor(
    readonly file: string,
    private readonly files: JournalFileSystem,
  ) {}

  /**
   * Continues a journal whose first `validBytes` are trusted: a torn tail, or records after one a replay could
   * not apply, are cut off before anything is appended, so no later record is ever lost behind them.
   */
  static async continue(file: string, validBytes: number, files: JournalFileSystem = nodeJournalFiles): Promise<JournalWriter> {
    const writer = new JournalWriter(file, files);
    writer.handle = await files.open(file);
    await writer.handle.truncate(validBytes);
    await writer.handle.sync();
    writer.length = validBytes;
    return writer;
  }

  /** A new journal for the checkpoint `database` (written whole, then renamed over the old one). */
  static async start(
    file: string,
    database: JournalHeader['database'],
    files: JournalFileSystem = nodeJournalFiles,
  ): Promise<JournalWriter> {
    const writer = new JournalWriter(file, files);
    await writer.restart(database);
    return writer;
  }

  get bytes(): number {
    return this.length;
  }

  async restart(database: JournalHeader['database']): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    const header = encodeHeader(database);
    await writeFileAtomic(this.file, header);
    this.handle = await this.files.open(this.file);
    this.length = header.length;
  }

  /**
   * Appends one record and syncs it to disk. A short write is completed; a failed append is cut off again, so
   * later records stay readable.
   */
  async append(payload: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle) throw new Error('The state journal is closed.');
    const framed = frame(payload);
    try {
      for (let written = 0; written < framed.length;) {
        const n = await handle.write(framed.subarray(written), this.length + written);
        if (!(n > 0)) throw new Error(`The state journal accepted no bytes at offset ${this.length + written}.`);
        written += n;
      }
      await handle.datasync();
    } catch (error) {
      await handle.truncate(this.length).catch(() => undefined);
      throw error;
    }
    this.length += framed.length;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

let table: Uint32Array | undefined;

/** CRC-32 (IEEE) for runtimes whose zlib has no crc32 (Node before 20.15). */
function tableCrc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
