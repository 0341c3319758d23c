// OptimaCom over winax, the Windows COM bindings for Node: loaded only here, only in the COM worker process,
// and only on Windows (an optional dependency: never needed to install, build or test the product). Node's
// bitness must match Optima's (64-bit Optima 2026.5 needs 64-bit Node; older 32-bit installs 32-bit Node).
import { type ComObject, type ComValue, type OptimaCom, isComObject } from './types';

interface Winax {
  Object: new (progId: string) => Record<string, unknown>;
  release(...objects: unknown[]): void;
}

function loadWinax(): Winax {
  try {
    // A computed name keeps bundlers from following it: winax is never part of a bundle.
    const name = 'winax';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as Winax;
  } catch (error) {
    throw new Error(
      `winax cannot be loaded (${(error as Error).message}). On the Optima machine run "npm install winax" next to the bridge, with the Node of Optima's bitness.`,
      { cause: error },
    );
  }
}

export function winaxOptima(): OptimaCom {
  const winax = loadWinax();
  const raws = new WeakMap<ComObject, Record<string, unknown>>();
  const held: unknown[] = [];
  // C#'s null for an omitted object argument is VT_EMPTY; winax sends undefined as VT_EMPTY and null as
  // VT_NULL (UNCONFIRMED which of the two Optima expects; the samples pass null from C#).
  const toRaw = (value: ComValue): unknown => (value === null ? undefined : isComObject(value) ? raws.get(value) : value);
  const fromRaw = (value: unknown): ComValue => {
    if (value === null || value === undefined || value instanceof Date) return value as ComValue;
    if (typeof value === 'object' || typeof value === 'function') return wrap(value as Record<string, unknown>);
    return value as ComValue;
  };
  function wrap(raw: Record<string, unknown>): ComObject {
    held.push(raw);
    const object: ComObject = {
      get: (name) => fromRaw(raw[name]),
      set: (name, value) => {
        raw[name] = toRaw(value);
      },
      call: (name, ...args) => {
        const method = raw[name] as (...values: unknown[]) => unknown;
        return fromRaw(method.apply(raw, args.map(toRaw)));
      },
    };
    raws.set(object, raw);
    return object;
  }
  return {
    create: (progId) => wrap(new winax.Object(progId)),
    release: () => winax.release(...held.splice(0)),
  };
}
