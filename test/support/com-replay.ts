// Replays a trace written by `optima-sync bridge --record FILE` as an OptimaCom: every get, set and call must
// come in the recorded order with the recorded (scrubbed) arguments, and gets the recorded answer or error.
// So a trace from a live check against Optima's demo company pins the mapping's COM conversation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { traceArgs, traceValue, isPersonalProperty, type TraceEvent, type TraceValue } from '../../src/bridge/com/recorder';
import type { ComObject, ComValue, OptimaCom } from '../../src/bridge/com/types';

export function readTrace(file: string): TraceEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as TraceEvent);
}

export class ReplayedCom implements OptimaCom {
  private position = 0;
  private readonly proxies = new Map<number, ComObject>();
  private readonly ids = new Map<ComObject, number>();

  constructor(private readonly events: TraceEvent[]) {}

  /** Events not replayed yet (a finished replay has none). */
  get remaining(): number {
    return this.events.length - this.position;
  }

  private idOf = (object: ComObject): number => {
    const id = this.ids.get(object);
    assert.ok(id !== undefined, 'an object that the trace never handed out');
    return id;
  };

  /** The first departure from the trace (the mapping may swallow the error, e.g. in a lookup that may fail). */
  divergence: string | undefined;

  private next(op: TraceEvent['op'], target: number, name: string, args?: TraceValue[]): ComValue {
    const event = this.events[this.position++];
    try {
      assert.ok(event, `the trace ended, but the mapping still did ${op} ${name}`);
      assert.deepEqual(
        { op, target, name: name.toLowerCase(), args },
        { op: event.op, target: event.target, name: event.name.toLowerCase(), args: args ? event.args : undefined },
        `trace event ${this.position}`,
      );
    } catch (error) {
      this.divergence ??= (error as Error).message;
      throw error;
    }
    if (event.error !== undefined) throw new Error(event.error);
    return this.decode(event.result ?? null);
  }

  private decode(value: TraceValue): ComValue {
    if (value === null || typeof value !== 'object') return value;
    if ('date' in value) return new Date(value.date);
    return this.proxy(value.object);
  }

  private proxy(id: number): ComObject {
    let proxy = this.proxies.get(id);
    if (!proxy) {
      proxy = {
        get: (name) => this.next('get', id, name),
        set: (name, value) => void this.next('set', id, name, [traceValue(value, this.idOf, isPersonalProperty(name))]),
        call: (name, ...args) => this.next('call', id, name, traceArgs(name, args, this.idOf)),
      };
      this.proxies.set(id, proxy);
      this.ids.set(proxy, id);
    }
    return proxy;
  }

  create(progId: string): ComObject {
    return this.next('create', 0, progId) as ComObject;
  }
}
