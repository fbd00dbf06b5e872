// The BIRD peers template, compiled once with BIRD-specific escaping helpers instead of Handlebars'
// HTML escaping. The template is a read-only asset shipped in the package (templates/), loaded when
// this module is first imported; rendering itself is pure.
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { birdCommentText, birdString, birdSymbol } from './escape.js';
import type { BirdPeersView } from './peers.js';

// src/emit/bird/ and dist/emit/bird/ are both three levels below the package root.
const TEMPLATE_URL = new URL('../../../templates/bird/peers.conf.hbs', import.meta.url);

function compilePeersTemplate(): Handlebars.TemplateDelegate<BirdPeersView> {
  const hb = Handlebars.create();
  hb.registerHelper('sym', (name: unknown) => birdSymbol(String(name)));
  hb.registerHelper('str', (text: unknown) => birdString(String(text)));
  hb.registerHelper('comment', (text: unknown) => birdCommentText(String(text)));
  return hb.compile<BirdPeersView>(readFileSync(TEMPLATE_URL, 'utf8'), { noEscape: true, strict: true });
}

let compiled: Handlebars.TemplateDelegate<BirdPeersView> | undefined;

export function renderPeersConf(view: BirdPeersView): string {
  compiled ??= compilePeersTemplate();
  return compiled(view);
}
