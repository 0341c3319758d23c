// Upgrading an older state file when a writer first opens it: a backup of the file (and its journal) as they
// were, the schema steps, the sandbox ERP's tables out to their own file, the settled history out to the month
// archives (one month file and one batch of live rows at a time, not one transaction over the history), then what
// stayed copied into a compact database and written whole. Until that last write the old file is the one that counts: a crash
// anywhere before it repeats the upgrade from the old file, and what it wrote meanwhile is replaced, not doubled.
import { promises as fs } from 'node:fs';
import type { Database, SqlJsStatic } from 'sql.js';
import type { Clock } from '../clock';
import { plural, t } from '../l10n';
import type { Logger } from '../log';
import { StateArchive } from './archive/index';
import { writeFileAtomic } from './atomic-file';
import { COMPANIONS, moveCompanionTables } from './companion';
import { copyTables } from './copy-tables';
import { migrate, SCHEMA_VERSION, schemaVersion } from './schema';
import { SqlRunner } from './sql';

export interface UpgradePaths {
  folder: string;
  file: string;
  journal: string;
}

/** The schema that moved the history to the archives. */
const ARCHIVE_SCHEMA = 7;

/**
 * Upgrades the loaded database and writes it. Returns the database to go on with (after the move to the archive,
 * a compacted copy: the loaded one is closed) and the bytes written (the journal's new checkpoint).
 */
export async function upgradeStateFile(
  SQL: SqlJsStatic,
  loaded: Database,
  paths: UpgradePaths,
  options: { logger: Logger; now: Clock },
): Promise<{ database: Database; bytes: Uint8Array }> {
  let database = loaded;
  const from = schemaVersion(database);
  // Keep the file as it was before changing its shape: a failed upgrade must not cost the state.
  await fs.copyFile(paths.file, `${paths.file}.v${from}-backup`);
  await fs.copyFile(paths.journal, `${paths.journal}.v${from}-backup`).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  // Until the upgraded file is written, the file on disk is the state: a failure anywhere before discards this
  // copy, so its changes need no rollback journal (which would hold a copy of every page they touch).
  database.exec('PRAGMA journal_mode = OFF');
  migrate(database);
  for (const name of COMPANIONS) await moveCompanionTables(SQL, database, paths.folder, name);
  if (from < ARCHIVE_SCHEMA) {
    const live = new SqlRunner(database);
    try {
      const moved = await new StateArchive(SQL, paths.folder, live).archiveAtUpgrade(options.now());
      if (moved.orders > 0)
        options.logger.info(
          plural(
            moved.orders,
            { one: 'Moved {0} settled order to the archive in {1}', other: 'Moved {0} settled orders to the archive in {1}' },
            paths.folder,
          ),
        );
    } finally {
      live.free();
    }
    // What moved out leaves free pages: the rest is copied into a new database, so that memory (and each
    // checkpoint) follows what stayed. A copy row by row needs less memory than VACUUM, which rebuilds the whole
    // database beside the loaded one.
    const compacted = copyTables(SQL, database, "tbl_name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    compacted.exec(`PRAGMA user_version = ${schemaVersion(database)}`);
    database.close();
    database = compacted;
  }
  const bytes = database.export();
  await writeFileAtomic(paths.file, bytes);
  options.logger.info(t('Upgraded the state database {0} from schema version {1} to {2}', paths.file, from, SCHEMA_VERSION));
  return { database, bytes };
}
