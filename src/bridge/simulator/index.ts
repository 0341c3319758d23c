// The COM object-model simulator behind `optima-sync bridge --simulate`: the same OptimaCom as winax, over
// a simulated company kept in a file, so the whole product runs against a simulated Optima on any machine.
import type { ComObject, OptimaCom } from '../com/types';
import { ComError } from './com-object';
import { type SimulatedCompany } from './company';
import { SimCommand } from './ado';
import { SimApplication } from './objects';

export { SimulatedCompany } from './company';
export type { SimulatorSeed } from './schema';

export function simulatedOptima(company: SimulatedCompany): OptimaCom {
  return {
    create(progId: string): ComObject {
      switch (progId.toLowerCase()) {
        case 'cdnbase.application':
          return new SimApplication(company);
        case 'adodb.command':
          return new SimCommand();
        default:
          throw new ComError(`Class not registered: ${progId}`);
      }
    },
  };
}
