/** A text file handed to the pure compiler. The CLI does the reading. */
export interface SourceFile {
  /** path as shown in diagnostics */
  path: string;
  text: string;
}
