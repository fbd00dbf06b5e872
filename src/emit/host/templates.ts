// The Handlebars templates of the host formats (templates/host/*.hbs) and their escaping helpers: every
// value must go through a format helper, which test/host/templates.test.ts checks for each template.
import { TEMPLATE_ROOT, templateRenderer, type FormatEscaper } from '../templates.js';
import { ifcfgValue } from './ifcfg-quote.js';
import { keyfileValue } from './keyfile-escape.js';
import { commentText, ipRouteField } from './line-text.js';

export type HostTemplateName = 'ifcfg-tunnel' | 'route-tunnel' | 'nmconnection-tunnel';

export const HOST_TEMPLATE_DIR = new URL('host/', TEMPLATE_ROOT);

export const HOST_TEMPLATE_HELPERS: Readonly<Record<string, FormatEscaper>> = {
  ifcfg: ifcfgValue,
  keyfile: keyfileValue,
  comment: commentText,
  routeField: ipRouteField,
};

const renderers = new Map<HostTemplateName, (view: object) => string>();

export function renderHostTemplate(name: HostTemplateName, context: object): string {
  let render = renderers.get(name);
  if (!render) {
    render = templateRenderer<object>(`host/${name}.hbs`, HOST_TEMPLATE_HELPERS);
    renderers.set(name, render);
  }
  return render(context);
}
