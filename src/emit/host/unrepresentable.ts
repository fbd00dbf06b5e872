// Raised by the format escapers when a value cannot be written faithfully in their format. The spec
// (DNS-label names, validated addresses) makes this impossible in practice; the emitter turns it into
// a diagnostic instead of writing a file that a host would read differently.
export class UnrepresentableValueError extends Error {
  constructor(
    readonly format: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(value)} cannot be written in ${format}: ${reason}`);
    this.name = 'UnrepresentableValueError';
  }
}

/** In `u` mode a surrogate pair is one code point, so this matches only lone surrogates. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** JavaScript strings may hold lone surrogates, which no UTF-8 file can carry; NUL ends C strings. */
export function requireWellFormed(format: string, value: string): void {
  if (LONE_SURROGATE.test(value)) throw new UnrepresentableValueError(format, value, 'not valid Unicode (lone surrogate)');
  if (value.includes('\0')) throw new UnrepresentableValueError(format, value, 'contains a NUL character');
}
