// The host templates are compiled without HTML escaping, so the only thing standing between a value and
// the file is the format helper: every output expression must be exactly one helper applied to one field.
import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { HOST_TEMPLATE_DIR, HOST_TEMPLATE_HELPERS } from '../../src/emit/host/templates.js';

type Node = hbs.AST.Node;

/** Every output mustache (`{{x}}`, `{{{x}}}`, `{{helper x}}`) and block (`{{#x}}`) in the program, depth first. */
function statements(program: hbs.AST.Program): (hbs.AST.MustacheStatement | hbs.AST.BlockStatement)[] {
  return program.body.flatMap((node: Node) => {
    if (node.type === 'MustacheStatement') return [node as hbs.AST.MustacheStatement];
    if (node.type === 'BlockStatement') {
      const block = node as hbs.AST.BlockStatement;
      return [block, ...statements(block.program), ...(block.inverse ? statements(block.inverse) : [])];
    }
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement' || node.type === 'DecoratorBlock') throw new Error(`${node.type} is not used by host templates`);
    return [];
  });
}

const templateFiles = readdirSync(HOST_TEMPLATE_DIR).filter((name) => name.endsWith('.hbs')).sort();
const helperNames = Object.keys(HOST_TEMPLATE_HELPERS);

describe('host templates', () => {
  it('are the three the emitter uses', () => {
    expect(templateFiles).toEqual(['ifcfg-tunnel.hbs', 'nmconnection-tunnel.hbs', 'route-tunnel.hbs']);
  });

  for (const file of templateFiles) {
    it(`${file}: every value goes through exactly one format helper; blocks are only #if`, () => {
      const program = Handlebars.parse(readFileSync(new URL(file, HOST_TEMPLATE_DIR), 'utf8'));
      const found = statements(program);
      expect(found.length).toBeGreaterThan(0);
      for (const statement of found) {
        const name = (statement.path as hbs.AST.PathExpression).original;
        const where = `${file}:${statement.loc.start.line}`;
        if (statement.type === 'BlockStatement') {
          expect(name, where).toBe('if');
          continue;
        }
        expect(statement.escaped, `${where}: triple-stash`).toBe(true);
        expect(helperNames, where).toContain(name);
        expect(statement.params.map((p) => p.type), where).toEqual(['PathExpression']);
        expect(statement.hash, where).toBeUndefined();
      }
    });
  }
});
