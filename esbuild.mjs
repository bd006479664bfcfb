// Builds Cartograph's four bundles and puts the WebAssembly files they load beside them:
//   dist/client.js   the VS Code extension (node, cjs; `vscode` stays external)
//   dist/server.js   the language server (node, cjs)
//   dist/cli.js      the `cartograph` command (node, cjs, with a shebang)
//   dist/indexWorker.js  a worker thread of the background indexer
//   dist/webview.js  the diagram webview's script (browser, iife)
// `node esbuild.mjs --watch` rebuilds on change; `--minify` for the packaged extension.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

// web-tree-sitter's ES module reads `import.meta.url`, which is empty in a CommonJS bundle: give it
// the bundle's own file URL instead.
const importMetaShim = {
  banner: { js: "const __cartographImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__cartographImportMetaUrl' },
};

const common = {
  bundle: true,
  sourcemap: true,
  minify,
  logLevel: 'warning',
  define: { CARTOGRAPH_VERSION: JSON.stringify(pkg.version) },
};

const nodeBundle = (entry, outfile, extra = {}) => ({
  ...common,
  entryPoints: [entry],
  outfile,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  ...extra,
  banner: { js: [extra.shebang ? '#!/usr/bin/env node' : '', importMetaShim.banner.js].filter(Boolean).join('\n') },
  define: { ...common.define, ...importMetaShim.define },
});

const builds = [
  nodeBundle('client/extension.ts', 'dist/client.js'),
  nodeBundle('server/server.ts', 'dist/server.js'),
  nodeBundle('server/cli/main.ts', 'dist/cli.js', { shebang: true }),
  nodeBundle('server/workspace/indexWorker.ts', 'dist/indexWorker.js'),
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', target: 'es2022', format: 'iife' },
].map(({ shebang: _shebang, ...options }) => options);

// The WebAssembly the server loads at run time: the tree-sitter runtime and the HCL grammars, the
// Postgres parser (libpg-query) and the embedded Postgres of the policy preview (PGlite).
const wasmFiles = [
  'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'node_modules/libpg-query/wasm/libpg-query.wasm',
  'node_modules/@electric-sql/pglite/dist/pglite.wasm',
  'node_modules/@electric-sql/pglite/dist/initdb.wasm',
  'node_modules/@electric-sql/pglite/dist/pglite.data',
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
];

function copyAssets() {
  fs.mkdirSync('dist', { recursive: true });
  for (const file of wasmFiles) fs.copyFileSync(file, path.join('dist', path.basename(file)));
}

copyAssets();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync('dist/cli.js', 0o755);
}
