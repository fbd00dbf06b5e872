// Mermaid's own parser (the one GitHub renders with), run in Node on a jsdom window.
import { JSDOM } from 'jsdom';

let parser: ((text: string) => Promise<unknown>) | undefined;

async function load(): Promise<(text: string) => Promise<unknown>> {
  if (parser) return parser;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  // mermaid (and DOMPurify inside it) look for a browser window when they are first imported
  Object.assign(globalThis, { window, document: window.document });
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  parser = (text: string) => mermaid.parse(text);
  return parser;
}

/** Resolves to the diagram type, or rejects with Mermaid's parse error. */
export async function parseMermaid(text: string): Promise<string> {
  const parse = await load();
  const result = (await parse(text)) as { diagramType?: string } | false;
  if (!result) throw new Error('mermaid rejected the diagram');
  return result.diagramType ?? 'unknown';
}
