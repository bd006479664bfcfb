import type { Node as TreeSitterNode } from 'web-tree-sitter';
import type { TextRange } from '../protocol/findings';
import { snapshotNode, SyntaxNode } from './syntaxSnapshot';

type Node = SyntaxNode;

/**
 * The project's own model of an HCL expression; it outlives the syntax tree it came from.
 *
 * Ranges are zero-based lines and UTF-16 columns, as everywhere in Cartograph. Parenthesised
 * expressions have no node of their own: `(x)` is modelled as `x`, and an attribute or index applied
 * to it becomes a `getAttr` or `index` node rather than a longer traversal.
 */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; range: TextRange }
  /**
   * Quoted strings with interpolations, and heredocs. String parts hold the literal text after
   * escapes, indentation stripping (`<<-`) and strip markers (`~`) are applied. Template directives
   * (`%{if}`, `%{for}`) are `unsupported` parts that carry the expression they stand for.
   */
  | { kind: 'template'; parts: (string | Expr)[]; range: TextRange; heredoc?: { marker: string; stripIndent: boolean } }
  /** var.x, local.y, aws_vpc.main.id, each.value, count.index, module.m.out, data.t.n.attr, path.module, foo[0].bar */
  | { kind: 'traversal'; root: string; steps: TraversalStep[]; range: TextRange; rootRange: TextRange }
  | { kind: 'call'; name: string; args: Expr[]; expandFinal: boolean; range: TextRange; nameRange: TextRange }
  | { kind: 'tuple'; items: Expr[]; range: TextRange }
  /** `keyName` is set when the key is a bare identifier or a literal string (or number or bool). */
  | { kind: 'object'; items: { key: Expr; keyName?: string; value: Expr; keyRange: TextRange }[]; range: TextRange }
  | {
      kind: 'for';
      keyVar?: string;
      valueVar: string;
      collection: Expr;
      keyExpr?: Expr;
      valueExpr: Expr;
      condition?: Expr;
      grouping: boolean;
      isObject: boolean;
      range: TextRange;
    }
  | { kind: 'conditional'; condition: Expr; then: Expr; else: Expr; range: TextRange }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr; range: TextRange }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr; range: TextRange }
  /** An index applied to a non-traversal (e.g. a call result or a parenthesised expression). */
  | { kind: 'index'; target: Expr; key: Expr; range: TextRange }
  /** An attribute applied to a non-traversal. */
  | { kind: 'getAttr'; target: Expr; name: string; range: TextRange }
  /** x[*].id and x.*.id: `steps` apply to each element of `target`. */
  | { kind: 'splat'; target: Expr; steps: TraversalStep[]; range: TextRange }
  /**
   * Anything else, and error nodes: conversion never throws. A template directive keeps, in
   * `directive`, the expression it stands for: `%{if c}a%{else}b%{endif}` is the conditional
   * `c ? "a" : "b"` and `%{for x in xs}…%{endfor}` is the tuple `[for x in xs : "…"]` whose strings
   * the template joins.
   */
  | { kind: 'unsupported'; range: TextRange; text: string; directive?: Expr };

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/**
 * One step of a traversal. An attribute step's range is its name (without the dot), so that rename
 * can replace it; an index step's range runs from `[` to `]` (for the legacy `.0` form, the digits).
 */
export type TraversalStep = { kind: 'attr'; name: string; range: TextRange } | { kind: 'index'; key: Expr; range: TextRange };

/**
 * A reference found in an expression, e.g. `aws_vpc.main.id` → root 'aws_vpc', names ['main', 'id']
 * (leading attribute steps only, literal index keys included as numbers/strings until the first
 * non-literal step). `range` runs from the root to the end of the last name; `nameRanges[i]` is the
 * range of `names[i]` (an attribute's identifier, or an index's key literal).
 */
export interface Reference {
  root: string;
  names: (string | number)[];
  range: TextRange;
  rootRange: TextRange;
  nameRanges: TextRange[];
}

/** Expressions nested deeper than this become `unsupported`. */
export const maxExpressionDepth = 200;

const binaryOperators = new Set<string>(['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||']);

/**
 * Converts an expression node (the grammar's `expression` node or any of its inner forms). Never
 * throws; error nodes become `unsupported`. Nesting deeper than 200 levels becomes `unsupported`.
 */
export function exprFromNode(node: SyntaxNode | TreeSitterNode): Expr {
  const snapshot = node instanceof SyntaxNode ? node : snapshotNode(node);
  try {
    return convert(snapshot, 0);
  } catch {
    return unsupported(snapshot);
  }
}

function convert(node: Node, depth: number): Expr {
  if (depth > maxExpressionDepth || node.isError || node.isMissing) return unsupported(node);
  switch (node.type) {
    // Wrapper nodes add no level of their own: depth counts expressions, not syntax nodes.
    case 'expression':
      return fromSequence(childrenOf(node), node, depth);
    case 'literal_value':
    case 'collection_value':
    case 'for_expr':
    case 'operation':
    case 'template_expr': {
      const inner = childrenOf(node).filter((c) => c.isNamed || c.isError);
      return inner.length === 1 ? convert(inner[0], depth) : unsupported(node);
    }
    case 'numeric_lit': {
      const value = Number(node.text);
      return Number.isFinite(value) ? { kind: 'literal', value, range: rangeOf(node) } : unsupported(node);
    }
    case 'bool_lit':
      return { kind: 'literal', value: node.text === 'true', range: rangeOf(node) };
    case 'null_lit':
      return { kind: 'literal', value: null, range: rangeOf(node) };
    case 'string_lit':
      return stringLiteral(node);
    case 'quoted_template':
    case 'heredoc_template':
      return template(node, depth);
    case 'variable_expr':
      return fromSequence([node], node, depth);
    case 'function_call':
      return functionCall(node, depth);
    case 'tuple':
      return tuple(node, depth);
    case 'object':
      return object(node, depth);
    case 'for_tuple_expr':
    case 'for_object_expr':
      return forExpression(node, depth);
    case 'conditional': {
      const parts = childrenOf(node).filter((c) => c.type === 'expression');
      if (parts.length !== 3 || node.hasError) return unsupported(node);
      return {
        kind: 'conditional',
        condition: convert(parts[0], depth + 1),
        then: convert(parts[1], depth + 1),
        else: convert(parts[2], depth + 1),
        range: rangeOf(node),
      };
    }
    case 'unary_operation': {
      const children = childrenOf(node);
      const op = children[0]?.type;
      if ((op !== '!' && op !== '-') || children.length < 2) return unsupported(node);
      return { kind: 'unary', op, operand: fromSequence(children.slice(1), undefined, depth + 1), range: rangeOf(node) };
    }
    case 'binary_operation': {
      const children = childrenOf(node);
      const at = children.findIndex((c, i) => i > 0 && !c.isNamed && binaryOperators.has(c.type));
      if (at < 1 || at === children.length - 1) return unsupported(node);
      return {
        kind: 'binary',
        op: children[at].type as BinaryOperator,
        left: fromSequence(children.slice(0, at), undefined, depth + 1),
        right: fromSequence(children.slice(at + 1), undefined, depth + 1),
        range: rangeOf(node),
      };
    }
    default:
      return unsupported(node);
  }
}

/**
 * Converts a primary expression followed by its postfix operators (attribute access, index, splat),
 * the shape in which the grammar lays out `expression` nodes and the operands of operations.
 */
function fromSequence(nodes: readonly Node[], whole: Node | undefined, depth: number): Expr {
  if (depth > maxExpressionDepth || nodes.length === 0) return whole ? unsupported(whole) : unsupportedSpan(nodes);
  if (nodes.some((n) => n.isError || n.isMissing)) return whole ? unsupported(whole) : unsupportedSpan(nodes);
  let rest: readonly Node[];
  let current: Expr;
  const first = nodes[0];
  if (first.type === '(') {
    const close = nodes.findIndex((n) => n.type === ')');
    const inner = nodes.slice(1, close).filter((n) => n.isNamed);
    if (close < 0 || inner.length !== 1) return whole ? unsupported(whole) : unsupportedSpan(nodes);
    current = convert(inner[0], depth + 1);
    rest = nodes.slice(close + 1);
  } else if (first.type === 'variable_expr') {
    const name = first.child(0);
    if (!name || name.type !== 'identifier' || name.isMissing) return whole ? unsupported(whole) : unsupportedSpan(nodes);
    current = { kind: 'traversal', root: name.text, steps: [], range: rangeOf(first), rootRange: rangeOf(name) };
    rest = nodes.slice(1);
  } else {
    current = convert(first, depth);
    rest = nodes.slice(1);
  }
  const start = rangeOf(first).start;
  let level = depth;
  for (const postfix of rest) {
    // Each postfix that wraps the expression so far adds a level of nesting.
    if (current.kind !== 'traversal' && ++level > maxExpressionDepth) return whole ? unsupported(whole) : unsupportedSpan(nodes);
    const range = { start, end: rangeOf(postfix).end };
    if (postfix.type === 'splat') {
      const form = postfix.child(0);
      const steps = form ? childrenOf(form).slice(1).map((s) => traversalStep(s, depth + 1)) : [];
      if (!form || steps.some((s) => s === undefined)) return whole ? unsupported(whole) : unsupportedSpan(nodes);
      current = { kind: 'splat', target: current, steps: steps as TraversalStep[], range };
      continue;
    }
    const step = traversalStep(postfix, depth + 1);
    if (!step) return whole ? unsupported(whole) : unsupportedSpan(nodes);
    // A traversal grows until a splat or a parenthesis ends it: `(x).y` never extends `x`.
    if (current.kind === 'traversal' && first.type === 'variable_expr') {
      current = { ...current, steps: [...current.steps, step], range };
    } else if (step.kind === 'attr') {
      current = { kind: 'getAttr', target: current, name: step.name, range };
    } else {
      current = { kind: 'index', target: current, key: step.key, range };
    }
  }
  return current;
}

function traversalStep(node: Node, depth: number): TraversalStep | undefined {
  if (node.type === 'get_attr') {
    const name = childrenOf(node).find((c) => c.type === 'identifier');
    if (!name || name.isMissing) return undefined;
    return { kind: 'attr', name: name.text, range: rangeOf(name) };
  }
  if (node.type === 'index') {
    const form = node.child(0);
    if (!form) return undefined;
    if (form.type === 'new_index') {
      const key = childrenOf(form).find((c) => c.type === 'expression');
      if (!key || form.hasError) return undefined;
      return { kind: 'index', key: convert(key, depth + 1), range: rangeOf(form) };
    }
    if (form.type === 'legacy_index') {
      // The grammar keeps the digits of `.0` in a hidden token: read them from the text.
      const digits = form.text.slice(1);
      if (!/^\d+$/.test(digits)) return undefined;
      const r = rangeOf(form);
      const range = { start: { line: r.start.line, character: r.start.character + 1 }, end: r.end };
      return { kind: 'index', key: { kind: 'literal', value: Number(digits), range }, range };
    }
  }
  return undefined;
}

function functionCall(node: Node, depth: number): Expr {
  const children = childrenOf(node);
  const open = children.findIndex((c) => c.type === '(');
  const nameNodes = children.slice(0, open);
  if (open < 1 || node.hasError) return unsupported(node);
  const args: Expr[] = [];
  let expandFinal = false;
  const argList = children.find((c) => c.type === 'function_arguments');
  for (const arg of argList ? childrenOf(argList) : []) {
    if (arg.type === 'expression') args.push(convert(arg, depth + 1));
    else if (arg.type === 'ellipsis') expandFinal = true;
  }
  return {
    kind: 'call',
    name: nameNodes.map((n) => n.text).join(''),
    args,
    expandFinal,
    range: rangeOf(node),
    nameRange: { start: rangeOf(nameNodes[0]).start, end: rangeOf(nameNodes[nameNodes.length - 1]).end },
  };
}

function tuple(node: Node, depth: number): Expr {
  const items: Expr[] = [];
  for (const child of childrenOf(node)) {
    if (child.type === 'expression') items.push(convert(child, depth + 1));
    else if (child.isError) items.push(unsupported(child));
  }
  return { kind: 'tuple', items, range: rangeOf(node) };
}

function object(node: Node, depth: number): Expr {
  const items: Extract<Expr, { kind: 'object' }>['items'] = [];
  for (const elem of childrenOf(node)) {
    if (elem.isError) return unsupported(node);
    if (elem.type !== 'object_elem') continue;
    const [keyNode, valueNode] = childrenOf(elem).filter((c) => c.type === 'expression');
    if (!keyNode || !valueNode || elem.hasError) return unsupported(node);
    const keyRange = rangeOf(keyNode);
    const keyChildren = childrenOf(keyNode);
    let key: Expr;
    let keyName: string | undefined;
    if (keyChildren.length === 1 && keyChildren[0].type === 'variable_expr') {
      // A bare identifier key is the attribute's name, not a reference.
      keyName = keyChildren[0].text;
      key = { kind: 'literal', value: keyName, range: keyRange };
    } else {
      key = convert(keyNode, depth + 1);
      const parenthesised = keyChildren[0]?.type === '(';
      if (!parenthesised && key.kind === 'literal' && key.value !== null) keyName = String(key.value);
    }
    items.push({ key, keyName, value: convert(valueNode, depth + 1), keyRange });
  }
  return { kind: 'object', items, range: rangeOf(node) };
}

function forExpression(node: Node, depth: number): Expr {
  const children = childrenOf(node);
  const intro = children.find((c) => c.type === 'for_intro');
  if (!intro || node.hasError) return unsupported(node);
  const vars = childrenOf(intro).filter((c) => c.type === 'identifier').map((c) => c.text);
  const collectionNode = childrenOf(intro).find((c) => c.type === 'expression');
  if (!collectionNode || vars.length < 1 || vars.length > 2) return unsupported(node);
  const bodies = children.filter((c) => c.type === 'expression');
  const condNode = children.find((c) => c.type === 'for_cond');
  const condExpr = condNode ? childrenOf(condNode).find((c) => c.type === 'expression') : undefined;
  const isObject = node.type === 'for_object_expr';
  if (bodies.length !== (isObject ? 2 : 1) || (condNode && !condExpr)) return unsupported(node);
  return {
    kind: 'for',
    keyVar: vars.length === 2 ? vars[0] : undefined,
    valueVar: vars[vars.length - 1],
    collection: convert(collectionNode, depth + 1),
    keyExpr: isObject ? convert(bodies[0], depth + 1) : undefined,
    valueExpr: convert(bodies[bodies.length - 1], depth + 1),
    condition: condExpr ? convert(condExpr, depth + 1) : undefined,
    grouping: isObject && children.some((c) => c.type === 'ellipsis'),
    isObject,
    range: rangeOf(node),
  };
}

// ---------------------------------------------------------------------------------------------
// Templates

/** A string literal without interpolation (the grammar's `string_lit`). */
function stringLiteral(node: Node): Expr {
  const children = childrenOf(node);
  const open = children[0];
  const close = children[children.length - 1];
  if (node.hasError || !open || open.type !== 'quoted_template_start' || close.type !== 'quoted_template_end' || close.isMissing) {
    return unsupported(node);
  }
  const text = node.text.slice(open.endIndex - node.startIndex, close.startIndex - node.startIndex);
  return { kind: 'literal', value: unescapeQuoted(text), range: rangeOf(node) };
}

/** One piece of a template before it is given structure: literal text, or a marker node. */
type TemplateToken =
  | { t: 'text'; value: string }
  | { t: 'interpolation'; node: Node; stripBefore: boolean; stripAfter: boolean }
  | { t: 'if' | 'else' | 'endif' | 'for' | 'endfor'; node: Node; stripBefore: boolean; stripAfter: boolean }
  | { t: 'bad'; node: Node };

const markerTypes: Record<string, TemplateToken['t']> = {
  template_interpolation: 'interpolation',
  template_if_intro: 'if',
  template_else_intro: 'else',
  template_if_end: 'endif',
  template_for_start: 'for',
  template_for_end: 'endfor',
};

function template(node: Node, depth: number): Expr {
  const children = childrenOf(node);
  const heredoc = node.type === 'heredoc_template';
  const source = node.text;
  const base = node.startIndex;
  let contentStart: number;
  let contentEnd: number;
  let heredocInfo: { marker: string; stripIndent: boolean } | undefined;
  if (heredoc) {
    const idents = children.filter((c) => c.type === 'heredoc_identifier');
    const start = children.find((c) => c.type === 'heredoc_start');
    if (idents.length !== 2 || !start || idents[1].isMissing) return unsupported(node);
    heredocInfo = { marker: idents[0].text, stripIndent: start.text === '<<-' };
    const newline = source.indexOf('\n', idents[0].endIndex - base);
    if (newline < 0) return unsupported(node);
    contentStart = newline + 1;
    // The closing marker's line (with any indentation before it) is not content.
    contentEnd = source.lastIndexOf('\n', idents[1].startIndex - base - 1) + 1;
    if (contentEnd < contentStart) contentEnd = contentStart;
  } else {
    const open = children[0];
    const close = children[children.length - 1];
    if (!open || open.type !== 'quoted_template_start' || close.type !== 'quoted_template_end' || close.isMissing) {
      return unsupported(node);
    }
    contentStart = open.endIndex - base;
    contentEnd = close.startIndex - base;
  }

  // Flatten the markers (interpolations and the pieces of directives) in source order; the text
  // between them is literal. The grammar's own template_literal nodes leave out whitespace.
  const markers: Node[] = [];
  const collect = (parent: Node): void => {
    for (const child of childrenOf(parent)) {
      if (child.endIndex - base <= contentStart || child.startIndex - base >= contentEnd) continue;
      if (child.type === 'template_directive' || child.type === 'template_if' || child.type === 'template_for') collect(child);
      else if (markerTypes[child.type] || child.isError) markers.push(child);
    }
  };
  collect(node);
  const tokens: TemplateToken[] = [];
  let cursor = contentStart;
  for (const marker of markers) {
    const at = marker.startIndex - base;
    if (at > cursor) tokens.push({ t: 'text', value: source.slice(cursor, at) });
    if (marker.isError || marker.hasError) tokens.push({ t: 'bad', node: marker });
    else {
      // Markers are laid out as: opening token, `~`?, content, `~`?, closing token.
      const parts = childrenOf(marker);
      const stripBefore = parts[1]?.type === 'strip_marker';
      const stripAfter = parts.length > 3 && parts[parts.length - 2].type === 'strip_marker';
      tokens.push({ t: markerTypes[marker.type], node: marker, stripBefore, stripAfter } as TemplateToken);
    }
    cursor = Math.max(cursor, marker.endIndex - base);
  }
  if (contentEnd > cursor) tokens.push({ t: 'text', value: source.slice(cursor, contentEnd) });

  const lines = heredocInfo?.stripIndent ? flushIndentation(splitLines(tokens)) : tokens;
  const merged = applyStripMarkers(mergeText(lines));
  const unescape = heredoc ? unescapeTemplateSequences : unescapeQuoted;
  const parser = new TemplateParser(merged, unescape, depth, node);
  const parts = parser.parts(new Set());
  if (!parser.done()) return unsupported(node);
  return { kind: 'template', parts, range: rangeOf(node), ...(heredocInfo ? { heredoc: heredocInfo } : {}) };
}

/** Splits text tokens after each newline, as HCL's scanner does for heredocs. */
function splitLines(tokens: TemplateToken[]): TemplateToken[] {
  const out: TemplateToken[] = [];
  for (const token of tokens) {
    if (token.t !== 'text') {
      out.push(token);
      continue;
    }
    const pieces = token.value.split(/(?<=\n)/);
    for (const piece of pieces) if (piece !== '') out.push({ t: 'text', value: piece });
  }
  return out;
}

/**
 * `<<-` heredocs: removes the smallest indentation of the content lines from every line, by HCL's
 * rule — whitespace-only lines do not count, and a line that starts with an interpolation or a
 * directive has no indentation at all.
 */
function flushIndentation(tokens: TemplateToken[]): TemplateToken[] {
  let minSpaces = Infinity;
  let newline = true;
  const adjust: number[] = [];
  tokens.forEach((token, i) => {
    if (newline) {
      newline = false;
      if (token.t === 'text') {
        const trimmed = token.value.replace(/^\s+/u, '');
        if (!(trimmed === '' && token.value.endsWith('\n'))) {
          minSpaces = Math.min(minSpaces, [...token.value.slice(0, token.value.length - trimmed.length)].length);
          adjust.push(i);
        }
      } else {
        minSpaces = 0;
      }
    }
    if (token.t === 'text' && token.value.endsWith('\n')) newline = true;
  });
  if (!Number.isFinite(minSpaces) || minSpaces === 0) return tokens;
  const out = tokens.slice();
  for (const i of adjust) {
    const token = out[i] as { t: 'text'; value: string };
    out[i] = { t: 'text', value: [...token.value].slice(minSpaces).join('') };
  }
  return out;
}

function mergeText(tokens: TemplateToken[]): TemplateToken[] {
  const out: TemplateToken[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (token.t === 'text' && last?.t === 'text') out[out.length - 1] = { t: 'text', value: last.value + token.value };
    else out.push(token);
  }
  return out;
}

/** `${~ x}` trims the whitespace before a marker, `${x ~}` the whitespace after it. */
function applyStripMarkers(tokens: TemplateToken[]): TemplateToken[] {
  const out = tokens.slice();
  out.forEach((token, i) => {
    if (token.t === 'text' || token.t === 'bad') return;
    const before = out[i - 1];
    const after = out[i + 1];
    if (token.stripBefore && before?.t === 'text') out[i - 1] = { t: 'text', value: before.value.replace(/\s+$/u, '') };
    if (token.stripAfter && after?.t === 'text') out[i + 1] = { t: 'text', value: after.value.replace(/^\s+/u, '') };
  });
  return out;
}

/** Gives structure to a flat token list: nests the parts of `%{if}` and `%{for}` directives. */
class TemplateParser {
  private at = 0;

  constructor(
    private readonly tokens: TemplateToken[],
    private readonly unescape: (raw: string) => string,
    private readonly depth: number,
    private readonly root: Node,
  ) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  /** Parses parts until one of `terminators` (left unconsumed) or the end. */
  parts(terminators: Set<string>): (string | Expr)[] {
    const parts: (string | Expr)[] = [];
    while (this.at < this.tokens.length) {
      const token = this.tokens[this.at];
      if (terminators.has(token.t)) break;
      this.at++;
      switch (token.t) {
        case 'text': {
          const value = this.unescape(token.value);
          if (value !== '') parts.push(value);
          break;
        }
        case 'interpolation': {
          const inner = childrenOf(token.node).find((c) => c.type === 'expression');
          parts.push(inner ? convert(inner, this.depth + 1) : unsupported(token.node));
          break;
        }
        case 'if':
          parts.push(this.ifDirective(token.node));
          break;
        case 'for':
          parts.push(this.forDirective(token.node));
          break;
        default:
          // A stray `%{else}`, `%{endif}`, `%{endfor}` or an error node.
          parts.push(unsupported(token.node));
      }
    }
    return parts;
  }

  private ifDirective(intro: Node): Expr {
    const condNode = childrenOf(intro).find((c) => c.type === 'expression');
    const thenStart = rangeOf(intro).end;
    const thenParts = this.parts(new Set(['else', 'endif']));
    let elseParts: (string | Expr)[] = [];
    let thenEnd = this.positionHere(thenStart);
    let elseRange: TextRange = { start: thenEnd, end: thenEnd };
    if (this.tokens[this.at]?.t === 'else') {
      const elseNode = (this.tokens[this.at] as { node: Node }).node;
      thenEnd = rangeOf(elseNode).start;
      this.at++;
      const elseStart = rangeOf(elseNode).end;
      elseParts = this.parts(new Set(['else', 'endif']));
      elseRange = { start: elseStart, end: this.positionHere(elseStart) };
    }
    const end = this.tokens[this.at];
    if (!condNode || end?.t !== 'endif') return this.unterminated(intro);
    this.at++;
    const endNode = end.node;
    const range = { start: rangeOf(intro).start, end: rangeOf(endNode).end };
    return {
      kind: 'unsupported',
      range,
      text: textBetween(this.root, intro, endNode),
      directive: {
        kind: 'conditional',
        condition: convert(condNode, this.depth + 1),
        then: { kind: 'template', parts: thenParts, range: { start: thenStart, end: thenEnd } },
        else: { kind: 'template', parts: elseParts, range: elseRange },
        range,
      },
    };
  }

  private forDirective(intro: Node): Expr {
    const vars = childrenOf(intro).filter((c) => c.type === 'identifier').map((c) => c.text);
    const collectionNode = childrenOf(intro).find((c) => c.type === 'expression');
    const bodyStart = rangeOf(intro).end;
    const body = this.parts(new Set(['endfor', 'else', 'endif']));
    const end = this.tokens[this.at];
    if (!collectionNode || vars.length < 1 || vars.length > 2 || end?.t !== 'endfor') return this.unterminated(intro);
    this.at++;
    const range = { start: rangeOf(intro).start, end: rangeOf(end.node).end };
    return {
      kind: 'unsupported',
      range,
      text: textBetween(this.root, intro, end.node),
      directive: {
        kind: 'for',
        keyVar: vars.length === 2 ? vars[0] : undefined,
        valueVar: vars[vars.length - 1],
        collection: convert(collectionNode, this.depth + 1),
        valueExpr: { kind: 'template', parts: body, range: { start: bodyStart, end: rangeOf(end.node).start } },
        grouping: false,
        isObject: false,
        range,
      },
    };
  }

  /** The start of the next marker, or `fallback` when the template ends first. */
  private positionHere(fallback: TextRange['start']): TextRange['start'] {
    const token = this.tokens[this.at];
    return token && token.t !== 'text' ? rangeOf(token.node).start : fallback;
  }

  private unterminated(intro: Node): Expr {
    // Consume the rest: a directive without its end makes the whole template unknowable.
    this.at = this.tokens.length;
    return unsupported(intro);
  }
}

function textBetween(root: Node, first: Node, last: Node): string {
  return root.source.slice(first.startIndex, last.endIndex);
}

/** Undoes the escapes of a quoted string: backslash sequences, `$${` and `%%{`. */
export function unescapeQuoted(raw: string): string {
  return raw.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))|\$\$\{|%%\{/gs, (match, u4?: string, u8?: string, ch?: string) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    if (u4 || u8) {
      const code = parseInt((u4 ?? u8) as string, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    switch (ch) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      default:
        return match;
    }
  });
}

/** Heredocs have no backslash escapes; only `$${` and `%%{`. */
function unescapeTemplateSequences(raw: string): string {
  return raw.replace(/\$\$\{|%%\{/g, (m) => (m === '$${' ? '${' : '%{'));
}

// ---------------------------------------------------------------------------------------------
// References

/**
 * Every reference in the expression, in source order, including inside templates, heredocs,
 * function arguments, for-expressions (excluding the for-expression's own iteration variables
 * inside its body) and splats.
 */
export function referencesIn(expr: Expr): Reference[] {
  const out: Reference[] = [];
  collectReferences(expr, new Set(), out, 0);
  return out;
}

function collectReferences(expr: Expr, bound: ReadonlySet<string>, out: Reference[], depth: number): void {
  if (depth > maxExpressionDepth * 2) return;
  const walk = (e: Expr, b: ReadonlySet<string> = bound): void => collectReferences(e, b, out, depth + 1);
  switch (expr.kind) {
    case 'literal':
      return;
    case 'template':
      for (const part of expr.parts) if (typeof part !== 'string') walk(part);
      return;
    case 'traversal': {
      if (!bound.has(expr.root)) out.push(referenceOf(expr));
      for (const step of expr.steps) if (step.kind === 'index') walk(step.key);
      return;
    }
    case 'call':
      for (const arg of expr.args) walk(arg);
      return;
    case 'tuple':
      for (const item of expr.items) walk(item);
      return;
    case 'object':
      for (const item of expr.items) {
        walk(item.key);
        walk(item.value);
      }
      return;
    case 'for': {
      walk(expr.collection);
      const inner = new Set(bound);
      if (expr.keyVar) inner.add(expr.keyVar);
      inner.add(expr.valueVar);
      if (expr.keyExpr) walk(expr.keyExpr, inner);
      walk(expr.valueExpr, inner);
      if (expr.condition) walk(expr.condition, inner);
      return;
    }
    case 'conditional':
      walk(expr.condition);
      walk(expr.then);
      walk(expr.else);
      return;
    case 'unary':
      walk(expr.operand);
      return;
    case 'binary':
      walk(expr.left);
      walk(expr.right);
      return;
    case 'index':
      walk(expr.target);
      walk(expr.key);
      return;
    case 'getAttr':
      walk(expr.target);
      return;
    case 'splat':
      walk(expr.target);
      for (const step of expr.steps) if (step.kind === 'index') walk(step.key);
      return;
    case 'unsupported':
      if (expr.directive) walk(expr.directive);
      return;
  }
}

function referenceOf(expr: Extract<Expr, { kind: 'traversal' }>): Reference {
  const names: (string | number)[] = [];
  const nameRanges: TextRange[] = [];
  let end = expr.rootRange.end;
  for (const step of expr.steps) {
    if (step.kind === 'attr') {
      names.push(step.name);
      nameRanges.push(step.range);
    } else if (step.key.kind === 'literal' && (typeof step.key.value === 'string' || typeof step.key.value === 'number')) {
      names.push(step.key.value);
      nameRanges.push(step.key.range);
    } else {
      break;
    }
    end = step.range.end;
  }
  // An index step's range ends at its `]`, which belongs to the reference too.
  return { root: expr.root, names, range: { start: expr.rootRange.start, end }, rootRange: expr.rootRange, nameRanges };
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A snapshot's children (never null, unlike web-tree-sitter's); callers must not change the array. */
function childrenOf(node: Node): readonly Node[] {
  return node.children;
}

function rangeOf(node: Node): TextRange {
  return node.range();
}

function unsupported(node: Node): Expr {
  return { kind: 'unsupported', range: rangeOf(node), text: node.text };
}

function unsupportedSpan(nodes: readonly Node[]): Expr {
  if (nodes.length === 0) return { kind: 'unsupported', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' };
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  return { kind: 'unsupported', range: first.source.range(first.startIndex, last.endIndex), text: first.source.slice(first.startIndex, last.endIndex) };
}
