// Mermaid flowchart syntax: quoted labels with entity escapes, safe unique ids, and Mermaid's default
// limits (a diagram past them is not drawn at all: GitHub shows an error instead of the picture).

/** Mermaid entity codes for the characters that end or confuse a quoted label. */
export const mermaidLabel = (text: string): string =>
  `"${text.replace(/[#"<>&]/g, (c) => ({ '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' })[c] ?? c).replace(/\r?\n/g, ' ')}"`;

/** Hands out ids made of [A-Za-z0-9_], unique per diagram, deterministic for the same call order. */
export class IdRegistry {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();

  id(kind: string, ...names: readonly string[]): string {
    const key = [kind, ...names].join('\u0000');
    const known = this.byKey.get(key);
    if (known) return known;
    const base = [kind, ...names].join('_').replace(/[^A-Za-z0-9_]/g, '_');
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }
}

/** Mermaid's defaults (mermaid.initialize: maxTextSize, maxEdges), which GitHub keeps. */
export const MERMAID_DEFAULT_LIMITS = { maxTextSize: 50_000, maxEdges: 500 } as const;

/** Edges of a flowchart written as this module's callers write it: one `-->` or `==>` per line. */
export const edgeCount = (diagram: string): number => diagram.split('\n').filter((line) => / (-->|==>)/.test(line)).length;
