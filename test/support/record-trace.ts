// Writes the trace fixture of test/unit/bridge/replay.test.ts: the mapping's COM conversation for one new
// company customer, recorded with the bridge's --record wrapper. Against the simulator here; against Optima's
// demo company on Windows with `optima-sync bridge --record FILE` (see the README's live check).
// Run: npx tsx test/support/record-trace.ts
import { rmSync } from 'node:fs';
import path from 'node:path';
import { recordingCom } from '../../src/bridge/com/recorder';
import { OptimaConnection } from '../../src/bridge/worker/jobs';
import { SimulatedCompany, simulatedOptima } from '../../src/bridge/simulator/index';
import { traceRequest, TRACE_FILE } from './trace-request';

async function main(): Promise<void> {
  rmSync(TRACE_FILE, { force: true });
  const company = await SimulatedCompany.open(undefined, { operators: { ADMIN: 'sekret-operatora' } });
  const com = recordingCom(simulatedOptima(company), TRACE_FILE);
  const connection = new OptimaConnection(com, { backend: 'simulator', company: 'DEMO', operator: 'ADMIN', password: 'sekret-operatora' });
  connection.open();
  const result = await connection.run({ type: 'create', request: traceRequest() });
  console.log(`${path.relative(process.cwd(), TRACE_FILE)}: ${JSON.stringify(result)}`);
}

void main();
