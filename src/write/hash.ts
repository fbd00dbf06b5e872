import { createHash } from 'node:crypto';

/** sha256 of the UTF-8 bytes of a text, lower-case hex. */
export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');
