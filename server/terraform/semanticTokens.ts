import type { TextRange } from '../protocol/findings';
import type { FileModel } from './fileModel';
import { walkExpr } from './moduleDiagnostics';

/** The token types Cartograph reports, in legend order. */
export const semanticTokenTypes = ['namespace', 'type', 'variable', 'property', 'function', 'parameter', 'keyword'] as const;
export const semanticTokenModifiers = ['declaration', 'readonly', 'defaultLibrary'] as const;

type TokenType = (typeof semanticTokenTypes)[number];

interface Token {
  range: TextRange;
  type: TokenType;
  modifiers: number;
}

/**
 * Semantic tokens for references (`var`, `local`, `module` roots as namespaces, their names as
 * variables, resource types as types, attributes as properties) and function calls, encoded the way
 * LSP wants them: five integers per token, positions relative to the previous token.
 */
export function semanticTokens(file: FileModel): number[] {
  const tokens: Token[] = [];
  const push = (range: TextRange, type: TokenType, modifiers = 0): void => {
    if (range.start.line === range.end.line && range.end.character > range.start.character) tokens.push({ range, type, modifiers });
  };
  for (const site of file.references) {
    const namespaceRoot = ['var', 'local', 'module', 'data', 'each', 'count', 'path', 'self', 'terraform'].includes(site.root);
    push(site.rootRange, namespaceRoot ? 'namespace' : site.role === 'provider' ? 'namespace' : 'type', namespaceRoot ? 4 : 0);
    site.nameRanges.forEach((r, i) => {
      let type: TokenType = 'property';
      if (i === 0) type = site.root === 'var' ? 'parameter' : site.root === 'data' ? 'type' : 'variable';
      if (i === 1 && site.root === 'data') type = 'variable';
      push(r, type, site.root === 'var' ? 2 : 0);
    });
  }
  const visitBody = (body: FileModel['body']): void => {
    for (const a of body.attributes) walkExpr(a.expr, (e) => {
      if (e.kind === 'call') push(e.nameRange, 'function', 4);
    });
    for (const b of body.blocks) visitBody(b.body);
  };
  visitBody(file.body);
  tokens.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const t of tokens) {
    const deltaLine = t.range.start.line - line;
    const deltaStart = deltaLine === 0 ? t.range.start.character - character : t.range.start.character;
    if (deltaLine < 0 || deltaStart < 0) continue; // overlapping tokens: keep the first
    data.push(deltaLine, deltaStart, t.range.end.character - t.range.start.character, semanticTokenTypes.indexOf(t.type), t.modifiers);
    line = t.range.start.line;
    character = t.range.start.character;
  }
  return data;
}
