// Every statement of queries.ts parses as T-SQL, is a read-only SELECT, binds only declared parameters,
// and reads only tables and columns listed (with their sources) in OPTIMA_DEPENDENCIES.
import assert from 'node:assert/strict';
import { Parser } from 'node-sql-parser';
import { OPTIMA_DEPENDENCIES } from '../../../src/core/erp/optima/dependencies';
import { ALL_QUERIES } from '../../../src/core/erp/optima/queries';
import { optimaSchemaText } from '../../support/optima-fixture';

const parser = new Parser();
const TSQL = { database: 'TransactSQL' };

// A table may be listed more than once (TraNag's KSeF columns are an optional dependency of their own).
const knownColumns = new Map<string, Set<string>>();
for (const d of OPTIMA_DEPENDENCIES)
  knownColumns.set(d.table, new Set([...(knownColumns.get(d.table) ?? []), ...d.columns.map((c) => c.column)]));

describe('Optima queries as T-SQL', () => {
  for (const query of ALL_QUERIES) {
    it(`${query.name} parses as a single T-SQL SELECT over known tables and columns`, () => {
      const ast = parser.astify(query.text, TSQL);
      const statements = Array.isArray(ast) ? ast : [ast];
      assert.equal(statements.length, 1);
      assert.equal(statements[0]!.type, 'select');

      const tables = parser.tableList(query.text, TSQL).map((entry) => entry.split('::'));
      for (const [operation, schema, table] of tables) {
        assert.equal(operation, 'select', `${query.name} only reads`);
        if (schema === 'null') continue; // a CTE name
        assert.equal(schema, 'CDN');
        assert.ok(knownColumns.has(table as never), `${query.name}: table CDN.${table} is listed in OPTIMA_DEPENDENCIES`);
      }

      const parameters = new Set<string>();
      for (const entry of parser.columnList(query.text, TSQL)) {
        const [, table, column] = entry.split('::') as [string, string, string];
        if (column.startsWith('@')) {
          parameters.add(column.slice(1));
          continue;
        }
        if (table === 'null') continue; // CTE columns and aliases
        assert.ok(
          knownColumns.get(table as never)?.has(column),
          `${query.name}: column ${table}.${column} is listed in OPTIMA_DEPENDENCIES`,
        );
      }
      assert.deepEqual([...parameters].sort(), Object.keys(query.params).sort(), `${query.name}: parameters used = parameters declared`);
    });
  }

  it('uses no construct that SQLite lacks (TOP, ISNULL, GETDATE, brackets, +-concatenation of text)', () => {
    for (const query of ALL_QUERIES) {
      assert.doesNotMatch(query.text, /\bTOP\b|\bISNULL\b|GETDATE|DATEADD|\[|\bNOLOCK\b/i, query.name);
    }
  });

  it('lists a source for every column, and the fixture schema has exactly the listed columns', () => {
    const schema = optimaSchemaText();
    for (const dependency of OPTIMA_DEPENDENCIES) {
      const table = new RegExp(`CREATE TABLE CDN\\.${dependency.table} \\(([^;]*)\\);`).exec(schema);
      assert.ok(table, `fixture has CDN.${dependency.table}`);
      for (const column of dependency.columns) {
        assert.ok(column.source.length > 0, column.column);
        assert.match(table[1]!, new RegExp(`\\b${column.column}\\b`), `fixture CDN.${dependency.table} has ${column.column}`);
      }
    }
  });
});
