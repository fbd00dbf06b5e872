// Bytes → text for every file egressc reads: strict UTF-8 (never replacement characters, so what is
// compiled and hashed is what is on disk), UTF-16/32 named as such, and the size limit already applied.
// Pure: the CLI reads at most limit + 1 bytes and hands them here.
import type { Diagnostic } from '../diagnostics/types.js';
import { showBytes } from './limits.js';
import type { SourceFile } from './source.js';

export type DecodeProblem =
  | { kind: 'too-large'; limit: number }
  | { kind: 'utf16'; name: string; iconv: string }
  | { kind: 'invalid-utf8'; offset: number; line: number; col: number };

export type Decoded = { text: string } | { problem: DecodeProblem };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes `bytes` (at most limit + 1 of them were read: more than `limit` means the file is too large).
 * UTF-16 and UTF-32 are recognised the way YAML 1.2 (5.2) does: a byte order mark, or a NUL among the
 * first two bytes (an ASCII character is never NUL).
 */
export function decodeBytes(bytes: Uint8Array, limit: number): Decoded {
  if (bytes.length > limit) return { problem: { kind: 'too-large', limit } };
  const wide = wideEncoding(bytes);
  if (wide) return { problem: { kind: 'utf16', ...wide } };
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = UTF8.decode(bytes.subarray(0, offset));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    return { problem: { kind: 'invalid-utf8', offset, line, col: before.length - lineStart + 1 } };
  }
}

function wideEncoding(bytes: Uint8Array): { name: string; iconv: string } | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  const four = bytes.length >= 4;
  if (four && a === 0x00 && b === 0x00 && (c === 0x00 || (c === 0xfe && d === 0xff))) return { name: 'UTF-32', iconv: 'UTF-32BE' };
  if (four && (a === 0xff || b === 0x00) && c === 0x00 && d === 0x00 && (b === 0x00 || b === 0xfe)) return { name: 'UTF-32', iconv: 'UTF-32LE' };
  if (a === 0xfe && b === 0xff) return { name: 'UTF-16', iconv: 'UTF-16BE' };
  if (a === 0xff && b === 0xfe) return { name: 'UTF-16', iconv: 'UTF-16LE' };
  if (bytes.length >= 2 && a === 0x00) return { name: 'UTF-16', iconv: 'UTF-16BE' };
  if (bytes.length >= 2 && b === 0x00) return { name: 'UTF-16', iconv: 'UTF-16LE' };
  return undefined;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (next & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return bytes.length;
}

/** What a decode problem says about a file, for any file role ("spec", "lock", "birdTemplate"). */
export function describeDecodeProblem(problem: DecodeProblem, what: string): { code: string; message: string; hint: string } {
  switch (problem.kind) {
    case 'too-large':
      return {
        code: 'input-too-large',
        message: `The ${what} is larger than ${showBytes(problem.limit)}, the most egressc reads.`,
        hint: `Keep the ${what} under ${showBytes(problem.limit)}; a file that large is not a ${what} egressc wrote or needs.`,
      };
    case 'utf16':
      return {
        code: 'not-utf8',
        message: `The ${what} is ${problem.name}; save it as UTF-8.`,
        hint: `Re-save it as UTF-8 (e.g. iconv -f ${problem.iconv} -t UTF-8 FILE > FILE.new), or choose UTF-8 in the editor's encoding menu.`,
      };
    case 'invalid-utf8':
      return {
        code: 'not-utf8',
        message: `The ${what} is not valid UTF-8 (byte ${problem.offset} at line ${problem.line}, column ${problem.col}).`,
        hint: 'Save it as UTF-8; "iconv -f LATIN1 -t UTF-8" converts a Latin-1 file. egressc never guesses an encoding.',
      };
  }
}

/** The spec or the lock as a SourceFile: its text, or the decode problem as its only diagnostic. */
export function decodeSource(path: string, bytes: Uint8Array, limit: number, what: 'spec' | 'lock'): SourceFile {
  const decoded = decodeBytes(bytes, limit);
  if ('text' in decoded) return { path, text: decoded.text };
  const { problem } = decoded;
  const at = problem.kind === 'invalid-utf8' ? { line: problem.line, col: problem.col } : { line: 1, col: 1 };
  const diagnostic: Diagnostic = {
    severity: 'error',
    ...describeDecodeProblem(problem, `${what} file`),
    file: path,
    range: { start: at, end: at },
  };
  return { path, text: '', problems: [diagnostic] };
}
