// Bundles the CLI into dist/bundle/ for a fast start (bin/egressc.js runs dist/bundle/main.cjs):
// - each command is one self-contained CommonJS file, <command>-<content hash>.cjs, holding only the code
//   that command needs; main.cjs (a few kilobytes) parses the command name and loads that one file
//   through V8's code cache (src/cli/code-cache.ts), so a start compiles almost nothing;
// - the Handlebars templates are precompiled here, with the options src/emit/template-source.ts compiles
//   them with at run time, and replace that module: the CLI reads no template and carries only the
//   Handlebars runtime, not its compiler.
// Run after tsc (npm run build): it bundles the compiled dist/ files.
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { TEMPLATE_COMPILE_OPTIONS, TEMPLATE_ROOT } from '../dist/emit/template-source.js';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const outdir = join(dist, 'bundle');
const commandsDir = join(dist, 'cli', 'commands');
const templateRoot = new URL(TEMPLATE_ROOT).pathname;

/** templates/**\/*.hbs relative to templates/, sorted */
const templatePaths = readdirSync(templateRoot, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
  .map((entry) => relative(templateRoot, join(entry.parentPath, entry.name)).split('\\').join('/'))
  .sort();

const precompiledSource = [
  "import Handlebars from 'handlebars/runtime';",
  "export const TEMPLATE_ROOT = require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', '..', 'templates') + '/');",
  `export const TEMPLATE_COMPILE_OPTIONS = ${JSON.stringify(TEMPLATE_COMPILE_OPTIONS)};`,
  'const PRECOMPILED = {',
  ...templatePaths.map((path) => `  ${JSON.stringify(path)}: ${Handlebars.precompile(readFileSync(join(templateRoot, path), 'utf8'), TEMPLATE_COMPILE_OPTIONS)},`),
  '};',
  'export const createTemplateEnvironment = () => Handlebars.create();',
  'export function compileTemplate(environment, path) {',
  '  const spec = PRECOMPILED[path];',
  "  if (!spec) throw new Error(`no template ${path} in the bundle`);",
  '  return environment.template(spec);',
  '}',
].join('\n');

const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(context) {
    context.onResolve({ filter: /template-source\.js$/ }, () => ({ path: 'precompiled-templates', namespace: 'egressc' }));
    context.onLoad({ filter: /.*/, namespace: 'egressc' }, () => ({ contents: precompiledSource, resolveDir: root, loader: 'js' }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', absWorkingDir: root };

const commands = readdirSync(commandsDir).filter((name) => name.endsWith('.js')).map((name) => basename(name, '.js'));
const built = await build({
  ...common,
  entryPoints: commands.map((name) => join(commandsDir, `${name}.js`)),
  outdir,
  format: 'cjs',
  entryNames: '[name]-[hash]',
  outExtension: { '.js': '.cjs' },
  metafile: true,
  plugins: [precompiledTemplates],
});
const bundleOf = new Map(
  Object.entries(built.metafile.outputs)
    .filter(([, output]) => output.entryPoint)
    .map(([path, output]) => [basename(output.entryPoint, '.js'), basename(path)]),
);

// main.cjs: the dispatcher; each `import('./commands/<name>.js')` becomes a module that runs <name>-<hash>.cjs
const bundledCommands = {
  name: 'bundled-commands',
  setup(context) {
    context.onResolve({ filter: /^\.\/commands\/[a-z-]+\.js$/ }, (args) => ({ path: basename(args.path, '.js'), namespace: 'egressc-command' }));
    context.onLoad({ filter: /.*/, namespace: 'egressc-command' }, (args) => {
      const file = bundleOf.get(args.path);
      if (!file) throw new Error(`no bundle for command ${args.path}`);
      return {
        contents: [
          `import { runBundledCommand } from ${JSON.stringify(join(dist, 'cli', 'code-cache.js'))};`,
          `export const run = (argv, io) => runBundledCommand(require('node:path').join(__dirname, ${JSON.stringify(file)}), argv, io);`,
        ].join('\n'),
        resolveDir: root,
        loader: 'js',
      };
    });
  },
};
const dispatcher = await build({ ...common, entryPoints: [join(dist, 'cli', 'main.js')], outfile: join(outdir, 'main.cjs'), format: 'cjs', metafile: true, plugins: [bundledCommands] });

// what each bundle holds, for test/foundation/bundle.test.ts (and for anyone asking why a start is slow)
const metafile = { inputs: { ...built.metafile.inputs, ...dispatcher.metafile.inputs }, outputs: { ...built.metafile.outputs, ...dispatcher.metafile.outputs } };
writeFileSync(join(outdir, 'metafile.json'), `${JSON.stringify(metafile, null, 1)}\n`);
