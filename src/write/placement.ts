// Where an output directory may not be: a symlink (or below one) inside the working directory or the
// spec's repository, the spec's own folder or any folder holding the spec (the repository root
// included), a Git work tree's root, or inside a .git directory. Reads the file system (lstat,
// realpath), writes nothing.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/** `path` is `dir` or below it (both absolute, normalised). */
export const isInside = (path: string, dir: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/** The root of the Git work tree holding `path` (the nearest folder with a .git entry), if any. */
export function workTreeRoot(path: string): string | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `path` with its existing part resolved through symlinks (the rest appended as written). */
export function realLocation(path: string): string {
  const missing: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    try {
      return join(realpathSync(p), ...missing.reverse());
    } catch {
      if (dirname(p) === p) return path;
      missing.push(p.slice(dirname(p).length).replace(/^\//, ''));
    }
  }
}

export interface PlacementContext {
  /** absolute path of the spec */
  specPath: string;
  cwd: string;
  show: (path: string) => string;
}

/** Why `dir` (absolute, as given) cannot be an output directory, or undefined when it can. */
export function placementProblem(dir: string, context: PlacementContext): string | undefined {
  const specDir = realLocation(dirname(context.specPath));
  const guarded = [context.cwd, dirname(context.specPath), workTreeRoot(specDir)].filter((p): p is string => p !== undefined);
  // A symlink at DIR, or at one of its parents inside the folders a pull request controls, could
  // point anywhere (/etc): refused rather than followed.
  for (let p = dir; dirname(p) !== p; p = dirname(p)) {
    if (p !== dir && !guarded.some((g) => isInside(p, g) && p !== g)) continue;
    let isLink = false;
    try {
      isLink = lstatSync(p).isSymbolicLink();
    } catch {
      continue;
    }
    if (isLink) {
      return p === dir
        ? `${context.show(dir)} is a symbolic link; egressc writes only into a real directory (pass the directory it points to, or remove the link)`
        : `${context.show(p)} is a symbolic link inside the repository; egressc does not write through it (output directory ${context.show(dir)})`;
    }
  }
  const real = realLocation(dir);
  if (real === specDir) return `${context.show(dir)} is the spec's own folder; build into a folder of its own, e.g. --out ${context.show(join(dir, 'out'))}`;
  if (isInside(specDir, real)) return `${context.show(dir)} holds the spec ${context.show(context.specPath)}; build into a folder of its own, e.g. --out ${context.show(join(dirname(context.specPath), 'out'))}`;
  if (existsSync(join(real, '.git'))) return `${context.show(dir)} is the root of a Git work tree; build into a folder of its own`;
  if (real.split(sep).includes('.git')) return `${context.show(dir)} is inside a .git directory; build into a folder of its own`;
  return undefined;
}
