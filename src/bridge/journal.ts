// The bridge's job journal: per Idempotency-Key, whether a create was started, and the document it made.
// One JSON line per change, fsynced before the job runs and before its answer goes out, so a restarted
// bridge answers a repeated key with the same document. A torn last line (a crash mid-write) is dropped.
// A key left "started" by a crash is not trusted either way: the next request with it runs the create job,
// which first looks in Optima for a document that already carries the order.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CreatedDocument } from '../core/erp/bridge/contract';
import { appendDurably, writeFileAtomically } from './durable-file';

export type JournalState = 'started' | 'done' | 'failed';

export interface JournalRecord {
  key: string;
  state: JournalState;
  /** SHA-256 of the request body, to notice a key reused for a changed order. */
  hash: string;
  at: string;
  document?: CreatedDocument;
}

export const JOURNAL_FILE = 'jobs.jsonl';

export class JobJournal {
  private readonly records = new Map<string, JournalRecord>();
  /** Lines in the file, to know when rewriting it with the last record per key pays off. */
  private lines = 0;

  private constructor(
    private readonly file: string,
    private readonly now: () => Date,
  ) {}

  static open(dir: string, now: () => Date): JobJournal {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const journal = new JobJournal(path.join(dir, JOURNAL_FILE), now);
    journal.load();
    return journal;
  }

  private load(): void {
    if (!existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch {
        continue; // A torn tail: the change it described was never acknowledged.
      }
      this.records.set(record.key, record);
      this.lines++;
    }
    if (this.lines > 2 * this.records.size + 1000) this.compact();
  }

  private compact(): void {
    writeFileAtomically(this.file, [...this.records.values()].map((record) => JSON.stringify(record) + '\n').join(''));
    this.lines = this.records.size;
  }

  get(key: string): JournalRecord | undefined {
    return this.records.get(key);
  }

  get size(): number {
    return this.records.size;
  }

  private append(record: Omit<JournalRecord, 'at'>): JournalRecord {
    const full = { ...record, at: this.now().toISOString() };
    appendDurably(this.file, JSON.stringify(full) + '\n');
    this.records.set(full.key, full);
    this.lines++;
    return full;
  }

  started(key: string, hash: string): void {
    this.append({ key, state: 'started', hash });
  }

  done(key: string, hash: string, document: CreatedDocument): void {
    this.append({ key, state: 'done', hash, document });
  }

  /** A definite failure (422, or a crash the bridge checked): the next request with the key may try again. */
  failed(key: string, hash: string): void {
    this.append({ key, state: 'failed', hash });
  }
}
