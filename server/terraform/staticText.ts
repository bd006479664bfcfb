import type { Expr } from './expressions';

/** The text of a string written without interpolation (`"./net"`, or a heredoc without `${}`), else undefined. */
export function literalString(expr: Expr | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'literal') return typeof expr.value === 'string' ? expr.value : undefined;
  if (expr.kind === 'template' && expr.parts.every((p) => typeof p === 'string')) return expr.parts.join('');
  return undefined;
}
