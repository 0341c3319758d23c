// How many kills a crash test makes: a few in `npm test` (it must stay fast), the full count in
// `npm run test:crash` (OPTIMA_CRASH_FULL=1), or exactly OPTIMA_CRASH_KILLS. The seed comes from
// OPTIMA_CRASH_SEED (default: the test's own), so a failing run replays anywhere with the seed it printed.
export function crashKills(quick: number, full: number): number {
  const explicit = Number(process.env.OPTIMA_CRASH_KILLS);
  if (Number.isInteger(explicit) && explicit > 0) return explicit;
  return process.env.OPTIMA_CRASH_FULL === '1' ? full : quick;
}

export function crashSeed(fallback: number): number {
  const given = Number(process.env.OPTIMA_CRASH_SEED);
  return Number.isInteger(given) ? given : fallback;
}

/** A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
