import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/diagnostics/format-github.js';
import { formatJson } from '../../src/diagnostics/format-json.js';
import { formatText, summary } from '../../src/diagnostics/format-text.js';
import { formatDiagnostics } from '../../src/diagnostics/index.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';

const source = 'spec:\n  vpcs:\n    - cidr: 10.0.0.0/33\n';
const error: Diagnostic = {
  code: 'invalid-cidr',
  severity: 'error',
  message: '"10.0.0.0/33" is not an IPv4 CIDR.',
  hint: 'Write 10.0.0.0/16.',
  path: ['spec', 'vpcs', 0, 'cidr'],
  file: 'a.yaml',
  range: { start: { line: 3, col: 13 }, end: { line: 3, col: 24 } },
};
const warning: Diagnostic = { code: 'template-unused', severity: 'warning', message: 'Ignored: 50% of it, a:b,c', file: 'a.yaml' };

describe('text', () => {
  it('cuts a long source line to a window around the column, caret still under the column', () => {
    const line = `key: ${'a'.repeat(5000)}BAD${'b'.repeat(5000)}`;
    const col = line.indexOf('BAD') + 1;
    const d: Diagnostic = { ...error, range: { start: { line: 1, col }, end: { line: 1, col: col + 3 } } };
    const [, quoted, caret] = formatText([d], new Map([['a.yaml', line]])).split('\n');
    expect(quoted!.length).toBeLessThan(140);
    expect(quoted).toMatch(/^1 \| …a+BADb+…$/);
    expect(caret!.indexOf('^')).toBe(quoted!.indexOf('BAD'));
    expect(caret).toMatch(/ \^\^\^$/);
  });

  it('shows control characters of the source line as "?", one column each', () => {
    const d: Diagnostic = { ...error, range: { start: { line: 1, col: 9 }, end: { line: 1, col: 10 } } };
    const [, quoted, caret] = formatText([d], new Map([['a.yaml', 'a: "\u001b[2Jx\u0000y"']])).split('\n');
    expect(quoted).toBe('1 | a: "?[2Jx?y"');
    expect(caret!.indexOf('^')).toBe(quoted!.indexOf('x'));
  });

  it('prints location, code, the line with a caret under the range, the hint and a summary', () => {
    expect(formatText([error, warning], new Map([['a.yaml', source]]))).toBe(
      [
        'a.yaml:3:13: error[invalid-cidr]: "10.0.0.0/33" is not an IPv4 CIDR.',
        '3 |     - cidr: 10.0.0.0/33',
        '  |             ^^^^^^^^^^^',
        '  hint: Write 10.0.0.0/16.',
        'a.yaml: warning[template-unused]: Ignored: 50% of it, a:b,c',
        '1 error, 1 warning',
        '',
      ].join('\n'),
    );
  });

  it('keeps tabs so the caret lines up, and shows one caret for an empty range', () => {
    const d: Diagnostic = { ...error, range: { start: { line: 1, col: 3 }, end: { line: 1, col: 3 } } };
    expect(formatText([d], new Map([['a.yaml', '\tx: y\n']])).split('\n').slice(1, 3)).toEqual(['1 | \tx: y', '  | \t ^']);
  });

  it('works without the source text', () => {
    expect(formatText([error])).toBe('a.yaml:3:13: error[invalid-cidr]: "10.0.0.0/33" is not an IPv4 CIDR.\n  hint: Write 10.0.0.0/16.\n1 error, 0 warnings\n');
  });

  it('summary counts', () => {
    expect(summary([])).toBe('0 errors, 0 warnings');
    expect(summary([error, error, warning])).toBe('2 errors, 1 warning');
  });
});

describe('json', () => {
  it('is a stable array with flat positions', () => {
    expect(formatJson([error, warning])).toBe(
      `${JSON.stringify(
        [
          {
            code: 'invalid-cidr',
            severity: 'error',
            message: '"10.0.0.0/33" is not an IPv4 CIDR.',
            hint: 'Write 10.0.0.0/16.',
            file: 'a.yaml',
            line: 3,
            col: 13,
            endLine: 3,
            endCol: 24,
            path: ['spec', 'vpcs', 0, 'cidr'],
          },
          { code: 'template-unused', severity: 'warning', message: 'Ignored: 50% of it, a:b,c', file: 'a.yaml' },
        ],
        null,
        2,
      )}\n`,
    );
  });
});

describe('github', () => {
  it('escapes data and properties per the workflow-command rules', () => {
    expect(escapeData('50%\r\nx:y,z')).toBe('50%25%0D%0Ax:y,z');
    expect(escapeProperty('50%\r\nx:y,z')).toBe('50%25%0D%0Ax%3Ay%2Cz');
  });

  it('emits ::error and ::warning with the hint in parentheses', () => {
    expect(formatGithub([error, { ...warning, file: 'dir,x/a:b.yaml' }])).toBe(
      '::error file=a.yaml,line=3,col=13,endLine=3,endColumn=24,title=egressc invalid-cidr::"10.0.0.0/33" is not an IPv4 CIDR. (Write 10.0.0.0/16.)\n' +
        '::warning file=dir%2Cx/a%3Ab.yaml,title=egressc template-unused::Ignored: 50%25 of it, a:b,c\n',
    );
  });
});

describe('choosing a format', () => {
  it('by name', () => {
    expect(formatDiagnostics('github', [error])).toBe(formatGithub([error]));
    expect(formatDiagnostics('json', [error])).toBe(formatJson([error]));
  });
});
