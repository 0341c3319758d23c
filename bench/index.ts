// npm run bench -- <area> [args…]: runs bench/<area>.ts, which prints a table. Add an area: one line here.
// Without an area (or with flags only): bench/goals.ts, the issue-18 goals in one table.
const areas: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  mail: () => import('./mail'),
  pdf: () => import('./pdf'),
  'erp-optima': () => import('./erp-optima'),
  erp: () => import('./erp'),
  sync: () => import('./sync'),
  shops: () => import('./shops'),
  state: () => import('./state'),
};

async function main(): Promise<void> {
  const [area, ...args] = process.argv.slice(2);
  if (area === undefined || area.startsWith('--')) {
    await (await import('./goals')).run(process.argv.slice(2));
    return;
  }
  const load = areas[area];
  if (!load) {
    process.stderr.write(`Usage: npm run bench -- <area> [args]\nAreas: ${Object.keys(areas).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  await (await load()).run(args);
}

void main();
