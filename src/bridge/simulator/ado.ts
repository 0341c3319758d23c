// ADODB as far as the bridge reads through it: Sesja.Connection, an ADODB.Command with positional "?"
// parameters (CreateParameter/Parameters.Append), Execute → a Recordset walked with EOF, Fields and
// MoveNext. Comarch's sample reads Optima this way (ADODB.Recordset over Sesja.Connection); here the SQL runs
// on the simulated company's tables.
import type { SqlValue } from 'sql.js';
import type { ComValue } from '../com/types';
import { ComError, type Handled, NOT_HANDLED, SimObject } from './com-object';
import type { SimulatedCompany } from './company';

export class SimConnection extends SimObject {
  constructor(readonly company: SimulatedCompany) {
    super('Connection', []);
  }
}

class SimParameter extends SimObject {
  constructor(values: Record<string, ComValue>) {
    super('Parameter', ['name', 'type', 'direction', 'size', 'value']);
    this.initialize(values);
  }

  get bound(): SqlValue {
    const value = this.value('value');
    if (value instanceof Date) {
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
    }
    return value as SqlValue;
  }
}

class SimParameters extends SimObject {
  readonly list: SimParameter[] = [];

  constructor() {
    super('Parameters', []);
  }

  protected override computed(name: string): Handled<ComValue> {
    return name === 'count' ? this.list.length : NOT_HANDLED;
  }

  protected override method(name: string, args: ComValue[]): Handled<ComValue> {
    if (name !== 'append') return NOT_HANDLED;
    if (!(args[0] instanceof SimParameter)) throw new ComError('Parameters.Append: not a parameter');
    this.list.push(args[0]);
    return null;
  }
}

class SimField extends SimObject {
  constructor(
    private readonly fieldName: string,
    private readonly fieldValue: SqlValue,
  ) {
    super('Field', []);
  }

  protected override computed(name: string): Handled<ComValue> {
    if (name === 'name') return this.fieldName;
    if (name === 'value') return this.fieldValue as ComValue;
    return NOT_HANDLED;
  }
}

class SimFields extends SimObject {
  constructor(private readonly recordset: SimRecordset) {
    super('Fields', []);
  }

  protected override computed(name: string): Handled<ComValue> {
    return name === 'count' ? this.recordset.columns.length : NOT_HANDLED;
  }

  protected override method(name: string, args: ComValue[]): Handled<ComValue> {
    if (name !== 'item') return NOT_HANDLED;
    const row = this.recordset.current();
    const index = typeof args[0] === 'number' ? args[0] : this.recordset.columns.indexOf(String(args[0]));
    const column = this.recordset.columns[index];
    if (column === undefined) throw new ComError(`Fields.Item(${String(args[0])}): no such field`);
    return new SimField(column, row[index] ?? null);
  }
}

class SimRecordset extends SimObject {
  private position = 0;

  constructor(
    readonly columns: string[],
    private readonly rows: SqlValue[][],
  ) {
    super('Recordset', []);
  }

  current(): SqlValue[] {
    const row = this.rows[this.position];
    if (!row) throw new ComError('Recordset: either BOF or EOF is true');
    return row;
  }

  protected override computed(name: string): Handled<ComValue> {
    if (name === 'eof') return this.position >= this.rows.length;
    if (name === 'fields') return new SimFields(this);
    return NOT_HANDLED;
  }

  protected override method(name: string): Handled<ComValue> {
    if (name === 'movenext') {
      this.position++;
      return null;
    }
    return name === 'close' ? null : NOT_HANDLED;
  }
}

/** ADODB.Command: runs its text with the appended parameters, in order, on the connection's company. */
export class SimCommand extends SimObject {
  private readonly parameters = new SimParameters();

  constructor() {
    super('Command', ['activeconnection', 'commandtext', 'commandtype', 'commandtimeout']);
  }

  protected override computed(name: string): Handled<ComValue> {
    return name === 'parameters' ? this.parameters : NOT_HANDLED;
  }

  protected override method(name: string, args: ComValue[]): Handled<ComValue> {
    if (name === 'createparameter') {
      const [parameterName, type, direction, size, value] = args;
      return new SimParameter({ name: parameterName, type, direction, size, value });
    }
    if (name !== 'execute') return NOT_HANDLED;
    const connection = this.value('activeconnection');
    if (!(connection instanceof SimConnection)) throw new ComError('Command: ActiveConnection is not set');
    let result;
    try {
      result = connection.company.db.exec(
        this.text('commandtext'),
        this.parameters.list.map((p) => p.bound),
      );
    } catch (error) {
      throw new ComError(`Command.Execute: ${(error as Error).message}`);
    }
    const first = result[0];
    return new SimRecordset(first?.columns ?? [], first?.values ?? []);
  }
}
