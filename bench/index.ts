// npm run bench -- <area> [args…]: runs bench/<area>.ts, which prints a table. Add an area: one line here.
const areas: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  mail: () => import('./mail'),
  'erp-optima': () => import('./erp-optima'),
  erp: () => import('./erp'),
  sync: () => import('./sync'),
  shops: () => import('./shops'),
  state: () => import('./state'),
};

async function main(): Promise<void> {
  const [area, ...args] = process.argv.slice(2);
  const load = area ? areas[area] : undefined;
  if (!load) {
    process.stderr.write(`Usage: npm run bench -- <area> [args]\nAreas: ${Object.keys(areas).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  await (await load()).run(args);
}

void main();
