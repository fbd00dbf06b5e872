// Mermaid itself (the library GitHub draws ```mermaid blocks with), run in Node on a jsdom window under
// its default configuration: parse, and render to SVG. jsdom does no layout, so text is measured as
// 8 px per character; everything else (parsing, Mermaid's limits, the flowchart database, layout, SVG)
// is Mermaid's own code.
import { JSDOM } from 'jsdom';

type Mermaid = (typeof import('mermaid'))['default'];
let loaded: Mermaid | undefined;

async function load(): Promise<Mermaid> {
  if (loaded) return loaded;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  // mermaid (and DOMPurify, d3 inside it) look for a browser's globals when they are first imported
  const globals: Record<string, unknown> = { window, document: window.document };
  for (const name of ['CSSStyleSheet', 'Element', 'HTMLElement', 'SVGElement', 'Node', 'DOMParser', 'XMLSerializer', 'MutationObserver', 'getComputedStyle']) {
    if (!(name in globalThis)) globals[name] = (window as unknown as Record<string, unknown>)[name];
  }
  Object.assign(globalThis, globals);
  const width = (element: Element): number => (element.textContent ?? '').length * 8;
  const svgElement = window.SVGElement.prototype as unknown as Record<string, unknown>;
  svgElement['getBBox'] = function (this: Element) {
    return { x: 0, y: 0, width: width(this), height: 16 };
  };
  svgElement['getComputedTextLength'] = function (this: Element) {
    return width(this);
  };
  const { default: mermaid } = await import('mermaid');
  // the defaults: maxTextSize 50,000, maxEdges 500, securityLevel strict
  mermaid.initialize({ startOnLoad: false });
  loaded = mermaid;
  return mermaid;
}

/** Resolves to the diagram type, or rejects with Mermaid's parse error. */
export async function parseMermaid(text: string): Promise<string> {
  const mermaid = await load();
  const result = (await mermaid.parse(text)) as { diagramType?: string } | false;
  if (!result) throw new Error('mermaid rejected the diagram');
  return result.diagramType ?? 'unknown';
}

let renders = 0;

/**
 * Renders the diagram to SVG under Mermaid's default limits. Rejects when Mermaid refuses it: past
 * maxEdges it throws; past maxTextSize it draws its "Maximum text size in diagram exceeded" box instead,
 * which is turned into a rejection here.
 */
export async function renderMermaid(text: string): Promise<string> {
  const mermaid = await load();
  const { svg } = await mermaid.render(`diagram${++renders}`, text);
  if (svg.includes('Maximum text size in diagram exceeded')) throw new Error('Maximum text size in diagram exceeded');
  return svg;
}
