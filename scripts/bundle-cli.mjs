// Bundles the CLI (dist/cli/main.js and the commands it loads on demand) into dist/bundle/, one chunk per
// command plus shared chunks, so that start-up reads a few files instead of resolving hundreds of modules.
// The bundle sits two levels below the package root, like dist/emit/, so templates/ resolves the same way.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  // handlebars is CommonJS and calls require('fs'); give the ESM bundle a real require.
  banner: { js: "import { createRequire as __egressc_createRequire } from 'node:module'; const require = __egressc_createRequire(import.meta.url);" },
  logLevel: 'warning',
});
