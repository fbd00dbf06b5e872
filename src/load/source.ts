import type { Diagnostic } from '../diagnostics/types.js';

/** A text file handed to the pure compiler. The CLI does the reading. */
export interface SourceFile {
  /** path as shown in diagnostics */
  path: string;
  text: string;
  /**
   * Why the file's bytes are not usable text (too large, not UTF-8), found by decodeSource: then `text`
   * is empty and these are the file's only diagnostics.
   */
  problems?: readonly Diagnostic[];
}
