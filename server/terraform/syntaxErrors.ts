import type { Node, Tree } from 'web-tree-sitter';
import type { Finding, TextPosition, TextRange } from '../protocol/findings';

/** The code of every HCL syntax diagnostic. */
export const syntaxErrorCode = 'CG-HCL-SYNTAX';

/** A broken file can hold thousands of error nodes; past this many, more add only noise. */
const maxSyntaxErrors = 100;

/**
 * Turns the error and missing nodes of a tree-sitter parse into findings with exact ranges.
 * An error node that spans several lines is reported at its first token, where the parser got lost,
 * rather than painting the rest of the file red.
 */
export function syntaxErrors(tree: Tree): Finding[] {
  const findings: Finding[] = [];
  if (!tree.rootNode.hasError) return findings;
  const visit = (node: Node): void => {
    if (findings.length >= maxSyntaxErrors) return;
    if (node.isMissing) {
      findings.push(missingFinding(node));
      return;
    }
    if (node.isError) {
      findings.push(errorFinding(node));
      // Inside an error node only missing tokens add information; nested error nodes repeat it.
      for (const missing of missingDescendants(node)) findings.push(missingFinding(missing));
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  return findings.slice(0, maxSyntaxErrors);
}

function rangeOf(node: Node): TextRange {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

function missingFinding(node: Node): Finding {
  // The parser notices a missing token where the next one starts, often lines later; the user
  // forgot it right after the last token they wrote, so that is where it is reported.
  const at = endOfPreviousToken(node) ?? rangeOf(node).start;
  const what = node.type;
  let message: string;
  if (what === '}' || node.parent?.type === 'block_end') {
    const block = enclosingBlock(node);
    message = block
      ? `Syntax error: missing \`}\` to close ${describeBlock(block)} opened on line ${block.startPosition.row + 1}`
      : 'Syntax error: missing `}`';
  } else if (what === 'heredoc_identifier') {
    const heredoc = ancestor(node, 'heredoc_template');
    const start = heredoc?.child(0);
    const name = heredoc?.child(1);
    if (start && name && name.type === 'heredoc_identifier' && !name.isMissing) {
      const range = { start: rangeOf(start).start, end: rangeOf(name).end };
      return { code: syntaxErrorCode, severity: 'error', message: `Syntax error: the heredoc \`${start.text}${name.text}\` is never closed by a line holding \`${name.text}\``, range };
    }
    message = 'Syntax error: unterminated heredoc';
  } else if (what === 'identifier' && node.parent?.type === 'variable_expr') {
    message = 'Syntax error: expected a value';
  } else if (/^[a-z_]+$/.test(what)) {
    message = `Syntax error: expected ${what === 'identifier' ? 'an identifier' : what.replace(/_/g, ' ')}`;
  } else {
    message = `Syntax error: missing \`${what}\``;
  }
  return { code: syntaxErrorCode, severity: 'error', message, range: { start: at, end: at } };
}

function errorFinding(node: Node): Finding {
  const interpolation = unclosed(node, 'template_interpolation_start', 'template_interpolation_end');
  if (interpolation) {
    return { code: syntaxErrorCode, severity: 'error', message: 'Syntax error: `${` is never closed by `}`', range: rangeOf(interpolation) };
  }
  const oneLine = node.startPosition.row === node.endPosition.row;
  const first = firstLeaf(node);
  const range = oneLine || !first ? rangeOf(node) : rangeOf(first);
  const text = (oneLine ? node.text : (first?.text ?? '')).trim();
  let message: string;
  const dangling = /^([A-Za-z_][\w-]*)\s*=$/.exec(text);
  if (dangling) message = `Syntax error: \`${dangling[1]}\` has no value after \`=\``;
  else if (text === '') message = 'Syntax error: unexpected end of input';
  else if (hasUnterminatedString(node)) message = `Syntax error: unterminated string starting ${quote(text)}`;
  else message = `Syntax error: unexpected ${quote(text)}`;
  return { code: syntaxErrorCode, severity: 'error', message, range };
}

function quote(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `\`${short.replace(/`/g, "'").replace(/\s+/g, ' ')}\``;
}

function endOfPreviousToken(node: Node): TextPosition | null {
  let current: Node | null = node;
  while (current && !current.previousSibling) current = current.parent;
  let leaf = current?.previousSibling ?? null;
  while (leaf && leaf.childCount > 0) leaf = leaf.child(leaf.childCount - 1);
  if (!leaf) return null;
  return { line: leaf.endPosition.row, character: leaf.endPosition.column };
}

function missingDescendants(node: Node): Node[] {
  const found: Node[] = [];
  const walk = (n: Node): void => {
    for (const child of n.children) {
      if (!child) continue;
      if (child.isMissing) found.push(child);
      else if (child.hasError) walk(child);
    }
  };
  walk(node);
  return found;
}

function firstLeaf(node: Node): Node | null {
  let current: Node | null = node;
  while (current && current.childCount > 0) current = current.child(0);
  return current;
}

function hasUnterminatedString(node: Node): boolean {
  return unclosed(node, 'quoted_template_start', 'quoted_template_end') !== null;
}

/** The first `open` token among the node's children that no later `close` token matches. */
function unclosed(node: Node, open: string, close: string): Node | null {
  const stack: Node[] = [];
  for (const child of node.children) {
    if (child?.type === open) stack.push(child);
    else if (child?.type === close) stack.pop();
  }
  return stack[0] ?? null;
}

function ancestor(node: Node, type: string): Node | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === type) return p;
  return null;
}

function enclosingBlock(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'block' || p.type === 'object') return p;
  return null;
}

function describeBlock(block: Node): string {
  if (block.type === 'object') return 'the object';
  const words = block.children
    .filter((c): c is Node => c !== null && (c.type === 'identifier' || c.type === 'string_lit'))
    .map((c) => c.text);
  return words.length ? `\`${words.join(' ')}\`` : 'the block';
}
