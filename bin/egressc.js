#!/usr/bin/env node
// CommonJS (bin/package.json), like the bundle it loads: Node starts CommonJS faster than ES modules.
'use strict';
const { main } = require('../dist/bundle/main.cjs');

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
