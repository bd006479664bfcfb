/**
 * The Cartograph language server's entry point (dist/server.js). VS Code starts it over IPC; any
 * other editor starts it with `--stdio` (or `cartograph lsp --stdio`).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './lsp/languageServer';

startLanguageServer(createConnection(ProposedFeatures.all));
