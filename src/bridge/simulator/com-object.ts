// The simulator's COM objects: named properties and methods, matched without regard to case as IDispatch
// does, and an unknown name fails as it fails on a real Optima — so the mapping cannot lean on a property
// that only the simulator would accept.
import type { ComObject, ComValue } from '../com/types';

/** An error as Optima raises it through COM (the texts are the simulator's; Optima's own are UNCONFIRMED). */
export class ComError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComError';
  }
}

/** Returned by computed()/method() for a name they do not handle. */
export const NOT_HANDLED: unique symbol = Symbol('not handled');
export type Handled<T> = T | typeof NOT_HANDLED;

export abstract class SimObject implements ComObject {
  private readonly values = new Map<string, ComValue>();

  constructor(
    /** For messages: "DokumentHaMag". */
    protected readonly typeName: string,
    /** Stored properties that may be read and written, lower case. */
    private readonly stored: readonly string[],
  ) {}

  /** Read-only properties (ID, NumerPelny, sub-objects); NOT_HANDLED for others. */
  protected computed(_name: string): Handled<ComValue> {
    return NOT_HANDLED;
  }

  protected method(_name: string, _args: ComValue[]): Handled<ComValue> {
    return NOT_HANDLED;
  }

  /** A stored property as last written ('' when never written). */
  protected value(name: string): ComValue {
    return this.values.get(name) ?? '';
  }

  protected text(name: string): string {
    const value = this.values.get(name);
    return value === undefined || value === null ? '' : String(value);
  }

  protected initialize(values: Record<string, ComValue>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
  }

  get(property: string): ComValue {
    const name = property.toLowerCase();
    const computed = this.computed(name);
    if (computed !== NOT_HANDLED) return computed;
    if (this.stored.includes(name)) return this.value(name);
    throw new ComError(`Unknown name: ${this.typeName}.${property}`);
  }

  set(property: string, value: ComValue): void {
    const name = property.toLowerCase();
    if (!this.stored.includes(name)) {
      throw new ComError(
        this.computed(name) !== NOT_HANDLED ? `${this.typeName}.${property} is read-only` : `Unknown name: ${this.typeName}.${property}`,
      );
    }
    this.check(name, value);
    this.values.set(name, value);
  }

  /** Validates a value as it is set (e.g. an item code that must exist). */
  protected check(_name: string, _value: ComValue): void {}

  call(method: string, ...args: ComValue[]): ComValue {
    const result = this.method(method.toLowerCase(), args);
    if (result === NOT_HANDLED) throw new ComError(`Unknown name: ${this.typeName}.${method}`);
    return result;
  }
}

/** A plain bag of properties (Adres, OdbAdres). */
export class SimAddress extends SimObject {
  constructor() {
    super('Adres', ['ulica', 'nrdomu', 'nrlokalu', 'kodpocztowy', 'miasto', 'kraj', 'wojewodztwo', 'powiat', 'gmina']);
  }

  field(name: 'ulica' | 'nrdomu' | 'nrlokalu' | 'kodpocztowy' | 'miasto' | 'kraj'): string {
    return this.text(name);
  }

  fill(values: Partial<Record<'ulica' | 'nrdomu' | 'nrlokalu' | 'kodpocztowy' | 'miasto' | 'kraj', string>>): void {
    this.initialize(values);
  }
}
