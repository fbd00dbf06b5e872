export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** Exit codes: 0 success, 1 the spec (or the output) has problems, 2 usage error or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export type CommandRunner = (args: string[], io: CliIo) => Promise<number>;
