// --record FILE: every COM get, set and call the worker makes, with what came back, as JSON lines — the
// trace of a live check against Optima's demo company, which the tests then replay. Scrubbed: the operator's
// password never appears, and the buyer's personal data (names, addresses, e-mail, phone, NIP) are replaced by
// a marker with the value's length, in values and inside Item filters alike.
import { appendFileSync } from 'node:fs';
import { type ComObject, type ComValue, type OptimaCom, isComObject } from './types';

/** One line of a trace. Objects are numbered in the order they first appear; 0 is the OptimaCom itself. */
export interface TraceEvent {
  op: 'create' | 'get' | 'set' | 'call';
  target: number;
  name: string;
  args?: TraceValue[];
  result?: TraceValue;
  error?: string;
}

/** Dates as the local wall-clock time COM carries (VT_DATE has no zone), so a trace reads the same anywhere. */
export type TraceValue = string | number | boolean | null | { date: string } | { object: number };

function localDateTime(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}`;
}

/** Properties and filter columns that hold personal data. */
const PERSONAL =
  /^(akronim|nazwa[123]|email|telefon|ulica|nrdomu|nrlokalu|kodpocztowy|miasto|nip|odbnazwa[12]|odbemail|odbtelefon|podnazwa[12]|opis|ustawnip)$/i;
/** Columns of ADO reads that hold personal data (the buyer and recipient on a document). */
const PERSONAL_COLUMN = /^(buyer|recipient)/i;
const FILTER = /(Knt_NipE|Knt_Email|Knt_Kod)\s*=\s*'((?:[^']|'')*)'/gi;

/** Personal values inside Item filters (and the errors that quote them). */
export function scrubFilters(text: string): string {
  return text.replace(FILTER, (_m, column: string, literal: string) => `${column}='${scrubText(literal)}'`);
}

export function scrubText(text: string): string {
  return `•scrubbed(${text.length})`;
}

/** The trace form of a value; `personal` replaces strings by their marker. */
export function traceValue(value: ComValue, ids: (object: ComObject) => number, personal = false): TraceValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return { date: localDateTime(value) };
  if (isComObject(value)) return { object: ids(value) };
  if (typeof value === 'string') return personal && value !== '' ? scrubText(value) : scrubFilters(value);
  return value;
}

/** The scrubbed arguments of a call: Login's password, UstawNIP's number and personal setters' values. */
export function traceArgs(method: string, args: ComValue[], ids: (object: ComObject) => number): TraceValue[] {
  return args.map((arg, index) =>
    /^login$/i.test(method) && index === 1 ? (arg ? '•secret' : '') : traceValue(arg, ids, PERSONAL.test(method)),
  );
}

export function isPersonalProperty(name: string): boolean {
  return PERSONAL.test(name);
}

export function recordingCom(inner: OptimaCom, file: string): OptimaCom {
  const ids = new Map<ComObject, number>();
  const wrappers = new WeakMap<ComObject, ComObject>();
  const unwrap = new WeakMap<ComObject, ComObject>();
  let next = 1;
  const idOf = (object: ComObject) => {
    const raw = unwrap.get(object) ?? object;
    let id = ids.get(raw);
    if (id === undefined) ids.set(raw, (id = next++));
    return id;
  };
  const write = (event: TraceEvent) => appendFileSync(file, JSON.stringify(event) + '\n');
  const inward = (value: ComValue): ComValue => (isComObject(value) ? (unwrap.get(value) ?? value) : value);
  const outward = (value: ComValue): ComValue => (isComObject(value) ? wrap(value) : value);
  const attempt = (event: Omit<TraceEvent, 'result' | 'error'>, run: () => ComValue, personal = false): ComValue => {
    try {
      const result = run();
      write({ ...event, result: traceValue(result, idOf, personal) });
      return outward(result);
    } catch (error) {
      write({ ...event, error: scrubFilters((error as Error).message) });
      throw error;
    }
  };
  // The last Field.Name read per object, so that its Value is scrubbed when the column is personal.
  const fieldNames = new Map<number, string>();
  function wrap(raw: ComObject): ComObject {
    const known = wrappers.get(raw);
    if (known) return known;
    const target = idOf(raw);
    const wrapper: ComObject = {
      get: (name) => {
        const personal = isPersonalProperty(name) || (/^value$/i.test(name) && PERSONAL_COLUMN.test(fieldNames.get(target) ?? ''));
        const value = attempt({ op: 'get', target, name }, () => raw.get(name), personal);
        if (/^name$/i.test(name) && typeof value === 'string') fieldNames.set(target, value);
        return value;
      },
      set: (name, value) => {
        attempt({ op: 'set', target, name, args: [traceValue(value, idOf, isPersonalProperty(name))] }, () => {
          raw.set(name, inward(value));
          return null;
        });
      },
      call: (name, ...args) =>
        attempt({ op: 'call', target, name, args: traceArgs(name, args, idOf) }, () => raw.call(name, ...args.map(inward))),
    };
    wrappers.set(raw, wrapper);
    unwrap.set(wrapper, raw);
    return wrapper;
  }
  return {
    create: (progId) => attempt({ op: 'create', target: 0, name: progId }, () => inner.create(progId)) as ComObject,
    release: () => inner.release?.(),
  };
}
