// Synchronous durable writes for the bridge's own files (the job journal, the simulated company): the COM
// side is synchronous, and a record must be on disk before the answer that depends on it goes out.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Replaces a file so that a crash leaves the old or the new content: temp file, fsync, rename. */
export function writeFileAtomically(file: string, text: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** Appends lines and fsyncs them before returning. */
export function appendDurably(file: string, lines: string): void {
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, lines);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
