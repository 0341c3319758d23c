// The typed failures of opening the state database; their messages tell the user what to do next.
import { t } from '../l10n';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO timestamp of when the holder took the lock. */
  startedAt: string;
  /** What holds it, e.g. "optima-sync sync" or "VS Code". */
  holder?: string;
}

export class StateLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly owner: LockOwner | undefined,
  ) {
    super(
      owner
        ? t(
            'The state database is in use by another process (pid {0} on {1}, since {2}{3}). Wait until it finishes, or if that process is gone delete {4}.',
            owner.pid,
            owner.host,
            owner.startedAt,
            owner.holder ? `, ${owner.holder}` : '',
            lockFile,
          )
        : t('The state database is locked ({0}). If no sync pass is running, delete that file.', lockFile),
    );
    this.name = 'StateLockedError';
  }
}

export class CorruptStateError extends Error {
  constructor(
    readonly file: string,
    readonly movedTo: string | undefined,
    readonly reason: string,
  ) {
    super(
      [
        movedTo
          ? t('The state database {0} could not be read ({1}). It was moved aside to {2}; nothing was overwritten.', file, reason, movedTo)
          : t('The state database {0} could not be read ({1}).', file, reason),
        t(
          'Starting with an empty state would make every old order look new. To start fresh anyway, run the command again with --start-fresh (CLI) or choose "Start with an empty state" in VS Code; the first sync pass after that stops at the bulk e-mail guard.',
        ),
      ].join(' '),
    );
    this.name = 'CorruptStateError';
  }
}

export class NewerStateVersionError extends Error {
  constructor(
    readonly file: string,
    readonly version: number,
    readonly supported: number,
  ) {
    super(
      t(
        'The state database {0} has schema version {1}, newer than this version of Optima Order Sync understands ({2}). Update the extension / CLI.',
        file,
        version,
        supported,
      ),
    );
    this.name = 'NewerStateVersionError';
  }
}

export class ReadOnlyStateError extends Error {
  constructor() {
    super(t('The state database was opened read-only.'));
    this.name = 'ReadOnlyStateError';
  }
}
