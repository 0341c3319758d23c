// One simulated Optima company: its SQLite database (tables attached as CDN, as the read side's tests do),
// kept in a JSON file so that a restarted worker — or a restarted bridge — finds the documents it made, as a
// real Optima keeps them in SQL Server. Also the realization a consultant can trigger, as a person would in
// Optima: the RO/PF becomes an FS (buyer with a NIP) or a PA, linked in CDN.TraNagRelacje.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Database, SqlValue } from 'sql.js';
import type { BridgeKsef } from '../../core/erp/bridge/contract';
import { ksefStateOfRow } from '../../core/erp/optima/ksef';
import { KSEF_OF_DOCUMENT } from '../../core/erp/optima/queries';
import { formatKsefNumber } from '../../core/ksef/number';
import { loadSqlJs } from '../../core/state/sqljs';
import { writeFileAtomically } from '../durable-file';
import { notFound, refused } from '../errors';
import { createCompany, type SimulatorSeed } from './schema';
import { nextNumber, SALES_DEFINITIONS } from './numbering';

/** The simulated company's NIP: the first ten digits of its KSeF numbers. */
export const SIMULATED_COMPANY_NIP = '5260250274';

/** The header columns a realization sets on the sales document; the rest are copied from the source document. */
const SET_ON_REALIZATION = [
  'TrN_TypDokumentu',
  'TrN_Rodzaj',
  'TrN_DDfId',
  'TrN_NumerNr',
  'TrN_NumerPelny',
  'TrN_Bufor',
  'TrN_DataDok',
  'TrN_DataWys',
  'TrN_DataOpe',
];

const TABLES = [
  'Kontrahenci',
  'Towary',
  'FormyPlatnosci',
  'DefinicjeDokumentow',
  'TraNag',
  'TraNagRelacje',
  'TraElem',
  'TraVat',
  'DefAtrybuty',
  'DokAtrybuty',
];

type Rows = Record<string, Array<Record<string, SqlValue>>>;

export class SimulatedCompany {
  private constructor(
    readonly db: Database,
    readonly seed: SimulatorSeed,
    private readonly file: string | undefined,
  ) {}

  /** Opens the company kept in `file` (created from the seed when the file does not exist yet). */
  static async open(file: string | undefined, seed: SimulatorSeed = {}): Promise<SimulatedCompany> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    db.run("ATTACH DATABASE ':memory:' AS CDN");
    const company = new SimulatedCompany(db, seed, file);
    if (file && existsSync(file)) company.load(JSON.parse(readFileSync(file, 'utf8')) as { seed: SimulatorSeed; rows: Rows });
    else {
      createCompany(db, seed);
      company.persist();
    }
    return company;
  }

  get name(): string {
    return this.seed.company ?? 'DEMO';
  }

  private load(saved: { seed: SimulatorSeed; rows: Rows }): void {
    createCompany(this.db, { ...saved.seed, items: [], paymentMethods: [], contractors: [] });
    for (const table of TABLES) this.db.run(`DELETE FROM CDN.${table}`);
    for (const [table, rows] of Object.entries(saved.rows)) {
      for (const row of rows) {
        const columns = Object.keys(row);
        this.db.run(
          `INSERT INTO CDN.${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          columns.map((c) => row[c]!),
        );
      }
    }
  }

  /** Writes the whole company (small: a rehearsal's documents) atomically, after every saved change. */
  persist(): void {
    if (!this.file) return;
    const rows: Rows = {};
    for (const table of TABLES) rows[table] = this.all(`SELECT * FROM CDN.${table}`);
    writeFileAtomically(this.file, JSON.stringify({ seed: this.seed, rows }));
  }

  all(sql: string, params: SqlValue[] = []): Array<Record<string, SqlValue>> {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params);
      const rows: Array<Record<string, SqlValue>> = [];
      while (statement.step()) rows.push(statement.getAsObject());
      return rows;
    } finally {
      statement.free();
    }
  }

  one(sql: string, params: SqlValue[] = []): Record<string, SqlValue> | undefined {
    return this.all(sql, params)[0];
  }

  /** Runs `change` in one transaction, then keeps the result; a throw rolls everything back. */
  transaction<T>(change: () => T): T {
    this.db.run('BEGIN');
    try {
      const result = change();
      this.db.run('COMMIT');
      this.persist();
      return result;
    } catch (error) {
      this.db.run('ROLLBACK');
      throw error;
    }
  }

  lastId(): number {
    return Number(this.one('SELECT last_insert_rowid() AS id')!.id);
  }

  /**
   * Realizes an RO/PF on `date` (YYYY-MM-DD): a confirmed FS (the buyer has a NIP) or PA with the same buyer,
   * lines and totals, linked RO → FS in CDN.TraNagRelacje. Realizing again returns the existing sales document.
   */
  realize(erpId: number, date: string, kind?: 'FS' | 'PA'): { erpId: number; kind: 'FS' | 'PA'; number: string } {
    const source = this.one('SELECT * FROM CDN.TraNag WHERE TrN_TrNID = ?', [erpId]);
    if (!source || (source.TrN_TypDokumentu !== 308 && source.TrN_TypDokumentu !== 320))
      throw new Error(`Document ${erpId} is not an RO or PF`);
    const existing = this.one(
      'SELECT d.TrN_TrNID AS id, d.TrN_TypDokumentu AS type, d.TrN_NumerPelny AS number FROM CDN.TraNagRelacje r JOIN CDN.TraNag d ON d.TrN_TrNID = r.TrR_FaId WHERE r.TrR_TrNId = ?',
      [erpId],
    );
    if (existing) return { erpId: Number(existing.id), kind: existing.type === 302 ? 'FS' : 'PA', number: String(existing.number) };
    const salesKind = kind ?? (String(source.TrN_PodNipE) ? 'FS' : 'PA');
    const definition = this.one('SELECT DDf_DDfID AS id, DDf_Symbol AS symbol FROM CDN.DefinicjeDokumentow WHERE DDf_Symbol = ?', [
      SALES_DEFINITIONS[salesKind],
    ])!;
    return this.transaction(() => {
      const type = salesKind === 'FS' ? 302 : 305;
      const { number, counter } = nextNumber(this, Number(definition.id), String(definition.symbol), date, '');
      const copied = Object.entries(source).filter(
        ([column]) => !['TrN_TrNID', ...SET_ON_REALIZATION, 'TrN_FaId', 'TrN_Seria'].includes(column),
      );
      const columns = [...SET_ON_REALIZATION, ...copied.map(([c]) => c)];
      const values: SqlValue[] = [
        type,
        type * 1000,
        Number(definition.id),
        counter,
        number,
        0,
        date,
        date,
        date,
        ...copied.map(([, v]) => v),
      ];
      this.db.run(`INSERT INTO CDN.TraNag (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values);
      const salesId = this.lastId();
      this.db.run(
        `INSERT INTO CDN.TraElem (TrE_TrNId, TrE_Lp, TrE_Aktywny, TrE_TwrId, TrE_TwrNazwa, TrE_TwrKod, TrE_Ilosc, TrE_Jm, TrE_Cena, TrE_Stawka, TrE_Flaga, TrE_WartoscNetto, TrE_WartoscBrutto)
        SELECT ?, TrE_Lp, TrE_Aktywny, TrE_TwrId, TrE_TwrNazwa, TrE_TwrKod, TrE_Ilosc, TrE_Jm, TrE_Cena, TrE_Stawka, TrE_Flaga, TrE_WartoscNetto, TrE_WartoscBrutto FROM CDN.TraElem WHERE TrE_TrNId = ?`,
        [salesId, erpId],
      );
      this.db.run(
        'INSERT INTO CDN.TraVat (TrV_TrNID, TrV_Flaga, TrV_Stawka, TrV_Netto, TrV_VAT) SELECT ?, TrV_Flaga, TrV_Stawka, TrV_Netto, TrV_VAT FROM CDN.TraVat WHERE TrV_TrNID = ?',
        [salesId, erpId],
      );
      this.db.run('INSERT INTO CDN.TraNagRelacje (TrR_TrNTyp, TrR_TrNId, TrR_FaTyp, TrR_FaId) VALUES (?, ?, ?, ?)', [
        source.TrN_TypDokumentu!,
        erpId,
        type,
        salesId,
      ]);
      return { erpId: salesId, kind: salesKind, number };
    });
  }

  /**
   * KSeF's answer to an FS, written into TraNag's KSeF columns as Optima does after sending it (UNCONFIRMED
   * values: status 200 and "Przyjęty" on acceptance, 450 with the reason on rejection). `at` is the instant.
   */
  ksef(erpId: number, decision: { accept: true } | { reject: string }, at: Date): BridgeKsef {
    const row = this.one(
      'SELECT TrN_TypDokumentu AS type, TrN_NumerPelny AS number, TrN_NrKSeF AS ksef FROM CDN.TraNag WHERE TrN_TrNID = ?',
      [erpId],
    );
    if (!row || row.type !== 302) throw notFound(`Document ${erpId} is not an FS`);
    if (String(row.ksef))
      throw refused('INVALID_REQUEST', `${String(row.number)} is already accepted in KSeF as ${String(row.ksef)}`, { field: 'accept' });
    this.transaction(() => {
      if ('reject' in decision) {
        this.db.run('UPDATE CDN.TraNag SET TrN_KSeFStatusId = 450, TrN_KSeFStatus = ? WHERE TrN_TrNID = ?', [decision.reject, erpId]);
      } else {
        const technical = createHash('sha256')
          .update(`${erpId}:${String(row.number)}`)
          .digest('hex')
          .slice(0, 12);
        const number = formatKsefNumber(SIMULATED_COMPANY_NIP, at.toISOString().slice(0, 10), technical);
        this.db.run(
          "UPDATE CDN.TraNag SET TrN_NrKSeF = ?, TrN_KSeFStatusId = 200, TrN_KSeFStatus = 'Przyjęty', TrN_KSeFDataPrzyjecia = ? WHERE TrN_TrNID = ?",
          [number, at.toISOString().slice(0, 19).replace('T', ' '), erpId],
        );
      }
    });
    // The read side's own statement (its one parameter bound positionally, as the simulator's ADO does).
    const state = ksefStateOfRow(this.one(KSEF_OF_DOCUMENT.text.replace('@docId', '?'), [erpId]) as never);
    return {
      status: state.status,
      ...(state.number ? { number: state.number } : {}),
      ...(state.acceptedAt ? { acceptedAt: state.acceptedAt } : {}),
      ...(state.reason ? { reason: state.reason } : {}),
    };
  }

  close(): void {
    this.db.close();
  }
}
