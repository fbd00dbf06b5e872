/**
 * Why a file the spec references was not handed to the compiler (it is missing, outside the spec's
 * tree, not a regular file, too large, not UTF-8): reported at the spec line that names the file.
 */
export interface FileProblem {
  code: string;
  /** the reason, completing "Cannot read birdTemplate "…" of cluster "…": " */
  why: string;
  hint: string;
}

export const FILE_NOT_FOUND_HINT = 'The path is relative to the spec file; fix it or add the upstream template there.';
