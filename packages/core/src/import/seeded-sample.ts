/** mulberry32: a tiny PRNG, so a validation sample can be drawn again from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct indices below `size` (all of them when count ≥ size), by a partial Fisher–Yates shuffle. */
export function sampleIndices(size: number, count: number, random: () => number): number[] {
  const n = Math.min(Math.max(0, Math.floor(count)), size);
  const swapped = new Map<number, number>();
  const picked: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (size - i));
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    picked.push(atJ);
  }
  return picked;
}
