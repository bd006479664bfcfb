// Lint rules, including Cartograph's import boundaries:
//   server/  the engine: never `vscode`, never the client or the webview;
//   webview/ DOM only: never `vscode`, never server runtime code (protocol types only, `import type`);
//   client/  the only code that imports `vscode`; from server/ only protocol messages and types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only client/ may import the VS Code API.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '**/*.d.ts', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: ['**/client/**', '../client', '../../client'], message: 'server/ must not import client/ code.' },
          { group: ['**/webview/**', '../webview', '../../webview'], message: 'server/ must not import webview/ code.' },
        ],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [
          { group: ['**/client/**'], message: 'webview/ must not import client/ code.' },
          { group: ['**/server/**'], allowTypeImports: true, message: 'webview/ may import only types from server/ (use `import type`).' },
        ],
      }],
    },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/webview/**'], message: 'client/ talks to the webview through messages only.' },
          { regex: '(^|/)server/(?!protocol/)', allowTypeImports: true, message: 'client/ talks to the engine through LSP: from server/ it imports protocol messages (server/protocol/) and types only.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', window: 'readonly', document: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
