// "Did you mean …?" for unresolved names: the closest candidate by edit distance, if close enough.

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The nearest candidate within a distance of max(2, a third of the name), ties broken by name. */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance > limit) continue;
    if (!best || distance < best.distance || (distance === best.distance && candidate < best.name)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Hint for an unresolved name: the nearest match, else the list of what exists. */
export function suggestion(name: string, candidates: readonly string[], kind: string): string {
  const near = nearestName(name, candidates);
  if (near !== undefined) return `Did you mean "${near}"?`;
  if (candidates.length === 0) return `No ${kind} is defined; define one first.`;
  const sorted = [...candidates].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `Use one of the defined ${kind} names: ${sorted.join(', ')}.`;
}
