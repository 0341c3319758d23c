// The simulated object model of Optima's COM API, as far as the bridge uses it: CDNBase.Application →
// LockApp/Login → CreateSession → CreateObject("CDN.…") collections with Item(filter) (which throws when
// nothing matches) and AddNew, and Sesja.Save(), which writes everything new in one transaction and assigns
// IDs and numbers. Item filters are SQL fragments (Knt_Kod='X'), so the simulator runs them as SQL.
import type { SqlValue } from 'sql.js';
import type { ComValue } from '../com/types';
import { ComError, type Handled, NOT_HANDLED, SimAddress, SimObject } from './com-object';
import type { SimulatedCompany } from './company';
import { SimDocument, saveDocument } from './documents';
import { SimConnection } from './ado';

/** A row-backed dictionary entry (Towar, FormaPlatnosci, DefinicjaDokumentu): read only in the simulator. */
export class SimRecord extends SimObject {
  constructor(
    typeName: string,
    readonly row: Record<string, SqlValue>,
    private readonly columns: Record<string, string>,
  ) {
    super(typeName, []);
  }

  protected override computed(name: string): Handled<ComValue> {
    const column = this.columns[name];
    return column ? (this.row[column] as ComValue) : NOT_HANDLED;
  }
}

export class SimContractor extends SimObject {
  readonly address = new SimAddress();
  id: number | undefined;

  constructor(row?: Record<string, SqlValue>) {
    super('Kontrahent', ['akronim', 'nazwa1', 'nazwa2', 'email', 'telefon', 'nip', 'medialny', 'rodzaj_odbiorca', 'rodzaj_dostawca']);
    if (row) {
      this.id = Number(row.Knt_KntId);
      this.initialize({
        akronim: row.Knt_Kod as string,
        nazwa1: row.Knt_Nazwa1 as string,
        nazwa2: row.Knt_Nazwa2 as string,
        email: row.Knt_Email as string,
        telefon: row.Knt_Telefon1 as string,
        nip: row.Knt_NipE as string,
      });
      this.address.fill({
        ulica: String(row.Knt_Ulica),
        nrdomu: String(row.Knt_NrDomu),
        nrlokalu: String(row.Knt_NrLokalu),
        kodpocztowy: String(row.Knt_KodPocztowy),
        miasto: String(row.Knt_Miasto),
        kraj: String(row.Knt_Kraj),
      });
    }
  }

  protected override computed(name: string): Handled<ComValue> {
    if (name === 'id') return this.id ?? 0;
    if (name === 'adres') return this.address;
    if (name === 'numernip') return new SimNumerNip((nip) => this.set('nip', nip));
    return NOT_HANDLED;
  }

  get code(): string {
    return this.text('akronim');
  }

  get nip(): string {
    return this.text('nip').replace(/\D/g, '');
  }

  /** The columns a document copies as its buyer (TrN_Pod*). */
  get snapshot() {
    return { name1: this.text('nazwa1'), name2: this.text('nazwa2'), nip: this.nip, address: this.address };
  }

  insert(company: SimulatedCompany): void {
    if (!this.code) throw new ComError('Kontrahent: Akronim is required');
    if (this.code.length > 20) throw new ComError(`Kontrahent: Akronim "${this.code}" is longer than 20 characters`);
    const a = this.address;
    try {
      company.db.run(
        `INSERT INTO CDN.Kontrahenci (Knt_Kod, Knt_Nazwa1, Knt_Nazwa2, Knt_NipE, Knt_Email, Knt_Telefon1, Knt_Ulica, Knt_NrDomu, Knt_NrLokalu, Knt_KodPocztowy, Knt_Miasto, Knt_Kraj)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          this.code,
          this.text('nazwa1'),
          this.text('nazwa2'),
          this.nip,
          this.text('email'),
          this.text('telefon'),
          a.field('ulica'),
          a.field('nrdomu'),
          a.field('nrlokalu'),
          a.field('kodpocztowy'),
          a.field('miasto'),
          a.field('kraj'),
        ],
      );
    } catch (error) {
      if (/UNIQUE constraint failed/.test((error as Error).message)) {
        // SQL Server's error 2627, as Optima passes it on (UNCONFIRMED: the wrapping text of Optima's COM error).
        throw new ComError(
          `Violation of UNIQUE KEY constraint 'KntKod'. Cannot insert duplicate key in object 'CDN.Kontrahenci'. The duplicate key value is (${this.code}).`,
        );
      }
      throw error;
    }
    this.id = company.lastId();
  }
}

class SimNumerNip extends SimObject {
  constructor(private readonly apply: (nip: string) => void) {
    super('NumerNIP', []);
  }

  protected override method(name: string, args: ComValue[]): Handled<ComValue> {
    if (name !== 'ustawnip') return NOT_HANDLED;
    this.apply(String(args[1] ?? ''));
    return null;
  }
}

/** What a collection is over: its table, key column and how a row becomes an object. */
interface CollectionKind {
  table: string;
  key: string;
  load(row: Record<string, SqlValue>): SimObject;
  create?(session: SimSession): SimObject;
}

const COLLECTIONS: Record<string, CollectionKind> = {
  'cdn.kontrahenci': {
    table: 'Kontrahenci',
    key: 'Knt_KntId',
    load: (row) => new SimContractor(row),
    create: (session) => session.track(new SimContractor()),
  },
  'cdn.towary': {
    table: 'Towary',
    key: 'Twr_TwrId',
    load: (row) =>
      new SimRecord('Towar', row, {
        id: 'Twr_TwrId',
        kod: 'Twr_Kod',
        nazwa: 'Twr_Nazwa',
        stawka: 'Twr_Stawka',
        flaga: 'Twr_Flaga',
        jm: 'Twr_JM',
        typ: 'Twr_Typ',
      }),
  },
  'cdn.formyplatnosci': {
    table: 'FormyPlatnosci',
    key: 'FPl_FPlId',
    load: (row) => new SimRecord('FormaPlatnosci', row, { id: 'FPl_FPlId', nazwa: 'FPl_Nazwa' }),
  },
  'cdn.definicjedokumentow': {
    table: 'DefinicjeDokumentow',
    key: 'DDf_DDfID',
    load: (row) => new SimRecord('DefinicjaDokumentu', row, { id: 'DDf_DDfID', symbol: 'DDf_Symbol', klasa: 'DDf_Klasa' }),
  },
  'cdn.dokumentyhamag': {
    table: 'TraNag',
    key: 'TrN_TrNID',
    load: () => {
      throw new ComError('The simulator opens no saved trade document through COM');
    },
    create: (session) => session.track(new SimDocument(session.company)),
  },
};

class SimCollection extends SimObject {
  constructor(
    private readonly session: SimSession,
    private readonly kind: CollectionKind,
    progId: string,
  ) {
    super(progId, []);
  }

  protected override method(name: string, args: ComValue[]): Handled<ComValue> {
    if (name === 'addnew') {
      if (!this.kind.create) throw new ComError(`${this.typeName}: AddNew is not simulated`);
      return this.kind.create(this.session);
    }
    if (name !== 'item') return NOT_HANDLED;
    const [filter] = args;
    let row: Record<string, SqlValue> | undefined;
    try {
      row =
        typeof filter === 'number'
          ? this.session.company.one(`SELECT * FROM CDN.${this.kind.table} ORDER BY ${this.kind.key} LIMIT 1 OFFSET ?`, [filter - 1])
          : this.session.company.one(`SELECT * FROM CDN.${this.kind.table} WHERE ${String(filter)} LIMIT 1`);
    } catch (error) {
      throw new ComError(`${this.typeName}.Item(${String(filter)}): ${(error as Error).message}`);
    }
    // UNCONFIRMED: the text of Optima's own "not found" error; the simulator only keeps that Item throws.
    if (!row) throw new ComError(`${this.typeName}.Item: no record matches ${String(filter)}`);
    return this.kind.load(row);
  }
}

export class SimSession extends SimObject {
  private pending: SimObject[] = [];

  constructor(readonly company: SimulatedCompany) {
    super('AdoSession', []);
  }

  track<T extends SimObject>(object: T): T {
    this.pending.push(object);
    return object;
  }

  protected override computed(name: string): Handled<ComValue> {
    return name === 'connection' ? new SimConnection(this.company) : NOT_HANDLED;
  }

  protected override method(name: string, args: ComValue[]): Handled<ComValue> {
    if (name === 'createobject') {
      const progId = String(args[0]);
      const kind = COLLECTIONS[progId.toLowerCase()];
      if (!kind) throw new ComError(`CreateObject: ${progId} is not simulated`);
      return new SimCollection(this, kind, progId);
    }
    if (name !== 'save') return NOT_HANDLED;
    const saving = this.pending;
    this.company.transaction(() => {
      for (const object of saving) {
        if (object instanceof SimContractor && object.id === undefined) object.insert(this.company);
        else if (object instanceof SimDocument) saveDocument(this.company, object);
      }
    });
    this.pending = [];
    return null;
  }
}

class SimLogin extends SimObject {
  constructor(private readonly company: SimulatedCompany) {
    super('Login', []);
  }

  protected override method(name: string): Handled<ComValue> {
    return name === 'createsession' ? new SimSession(this.company) : NOT_HANDLED;
  }
}

/** CDNBase.Application of the simulated installation. */
export class SimApplication extends SimObject {
  private locked = false;

  constructor(private readonly company: SimulatedCompany) {
    super('Application', ['konfigconnectstr']);
  }

  protected override computed(name: string): Handled<ComValue> {
    // UNCONFIRMED: how a real Optima reports its version through COM.
    return name === 'wersja' ? 'symulator 2026.0' : NOT_HANDLED;
  }

  protected override method(name: string, args: ComValue[]): Handled<ComValue> {
    if (name === 'lockapp') {
      this.locked = true;
      return null;
    }
    if (name === 'unlockapp') {
      this.locked = false;
      return null;
    }
    if (name !== 'login') return NOT_HANDLED;
    if (!this.locked) throw new ComError('Login: call LockApp first');
    const [operator, password, companyName] = args.map((value) => (value === null || value === undefined ? '' : String(value)));
    const operators = this.company.seed.operators ?? { ADMIN: '' };
    if (companyName !== this.company.name) throw new ComError(`Nie znaleziono firmy ${companyName ?? ''}`);
    if (!(operator! in operators) || operators[operator!] !== password)
      throw new ComError('Nieprawidłowy identyfikator operatora lub hasło');
    if (this.company.seed.licence === false) throw new ComError('Brak wolnej licencji na moduł Handel');
    return new SimLogin(this.company);
  }
}
