// The COM boundary of the bridge, as late-bound IDispatch calls: get a property, set one, call a method.
// winax (a real Optima on Windows), the simulator and the recorder/replayer all speak it, so the mapping and
// the worker never know which one they drive.

/** What crosses the boundary: scalars, dates, null, or another COM object. */
export type ComValue = string | number | boolean | null | undefined | Date | ComObject;

export interface ComObject {
  get(property: string): ComValue;
  set(property: string, value: ComValue): void;
  call(method: string, ...args: ComValue[]): ComValue;
}

/** Creates top-level COM objects by ProgID: "CDNBase.Application", "ADODB.Command". */
export interface OptimaCom {
  create(progId: string): ComObject;
  /** Releases what the backend holds (winax.release); called when the worker stops. */
  release?(): void;
}

export function isComObject(value: ComValue): value is ComObject {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && typeof (value as ComObject).call === 'function';
}

/** A property that must be an object (Elementy, Numerator, OdbAdres…). */
export function objectAt(target: ComObject, property: string): ComObject {
  const value = target.get(property);
  if (!isComObject(value)) throw new Error(`COM: ${property} is not an object`);
  return value;
}

/** The result of a call that must be an object (CreateObject, AddNew, Item). */
export function objectOf(value: ComValue, what: string): ComObject {
  if (!isComObject(value)) throw new Error(`COM: ${what} returned no object`);
  return value;
}

export function textOfCom(value: ComValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (isComObject(value)) return '[object]';
  return String(value);
}

/** Optima's ICollection.Item filter strings are SQL fragments: quote a literal the SQL way. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
