// Synchronous durable writes for the bridge's own files (the job journal, the simulated company): the COM
// side is synchronous, and a record must be on disk before the answer that depends on it goes out.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

function writeSynced(file: string, flags: 'w' | 'a', text: string): void {
  const fd = openSync(file, flags, 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Replaces a file so that a crash leaves the old or the new content: temp file, fsync, rename. */
export function writeFileAtomically(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeSynced(temp, 'w', text);
  renameSync(temp, file);
}

/** Appends lines and fsyncs them before returning. */
export function appendDurably(file: string, lines: string): void {
  writeSynced(file, 'a', lines);
}
