// The read side's SQL (src/core/erp/optima/queries.ts) run inside the bridge through the COM session's own
// ADO connection, as Comarch's sample reads Optima (ADODB over Sesja.Connection): the same statements, so the
// bridge reports imported, pending, ambiguous and realized exactly as the SQL adapter decides them.
// ADO binds "?" positionally, so each @name becomes one "?" with its own parameter, in order.
import { checkParameters, type SqlExecutor, type SqlParamType, type SqlParamValue, type SqlQuery } from '../../core/erp/optima/executor';
import { type ComObject, type ComValue, type OptimaCom, isComObject, objectAt, objectOf } from './types';

/** ADO's DataTypeEnum and ParameterDirectionEnum (Microsoft's ADO reference). */
const AD_TYPE: Record<SqlParamType, number> = { int: 3 /* adInteger */, nvarchar: 202 /* adVarWChar */, datetime: 135 /* adDBTimeStamp */ };
const AD_PARAM_INPUT = 1;
const AD_CMD_TEXT = 1;

/**
 * A date from ADO: COM dates carry no zone and winax hands them over as local time (UNCONFIRMED), so the
 * stored wall-clock day is read back with local getters, never through toISOString.
 */
function fromAdo(value: ComValue): unknown {
  if (!(value instanceof Date)) return isComObject(value) ? undefined : value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())} ${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}`;
}

export class AdoExecutor implements SqlExecutor {
  constructor(
    private readonly com: OptimaCom,
    private readonly session: ComObject,
  ) {}

  async query<Row>(query: SqlQuery<Row>, values: Readonly<Record<string, SqlParamValue>>): Promise<Row[]> {
    return this.querySync(query, values);
  }

  querySync<Row>(query: SqlQuery<Row>, values: Readonly<Record<string, SqlParamValue>>): Row[] {
    checkParameters(query, values);
    const order: string[] = [];
    const text = query.text.replace(/@(\w+)/g, (_whole, name: string) => {
      order.push(name);
      return '?';
    });
    const command = this.com.create('ADODB.Command');
    command.set('ActiveConnection', this.session.get('Connection'));
    command.set('CommandText', text);
    command.set('CommandType', AD_CMD_TEXT);
    const parameters = objectAt(command, 'Parameters');
    order.forEach((name, index) => {
      const type = query.params[name]!;
      const value = values[name]!;
      const size = type === 'nvarchar' ? Math.max(1, String(value).length) : 0;
      parameters.call('Append', command.call('CreateParameter', `p${index}`, AD_TYPE[type], AD_PARAM_INPUT, size, value));
    });
    const recordset = objectOf(command.call('Execute'), 'Command.Execute');
    const rows: Row[] = [];
    try {
      while (!recordset.get('EOF')) {
        const fields = objectAt(recordset, 'Fields');
        const count = Number(fields.get('Count'));
        const row: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) {
          const field = objectOf(fields.call('Item', i), 'Fields.Item');
          row[String(field.get('Name'))] = fromAdo(field.get('Value'));
        }
        rows.push(row as Row);
        recordset.call('MoveNext');
      }
    } finally {
      recordset.call('Close');
    }
    return rows;
  }

  async close(): Promise<void> {
    // The connection belongs to the session.
  }
}
