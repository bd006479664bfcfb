/**
 * Reads a `*.policy.hcl` file into the policy model. The file is parsed with the project's HCL parser
 * (tree-sitter, error-tolerant), so a broken file still yields the blocks it can read, with syntax
 * errors and misshapen attributes as findings.
 */
import type { Node } from 'web-tree-sitter';
import type { Finding, TextRange } from '../protocol/findings';
import type { HclParser } from '../terraform/hclParser';
import { syntaxErrors } from '../terraform/syntaxErrors';
import { TextPositions } from '../sql/textPositions';
import {
  type Located,
  type MaskRule,
  type MaskVariant,
  type PolicyFile,
  type PolicyString,
  type PrincipalKind,
  type RoleDeclaration,
  type RowFilterRule,
  type TableRule,
  parseMaskFunction,
} from './policyModel';

/** The code of findings about a block or attribute the format does not allow. */
export const policyShapeCode = 'CG-POLICY-SHAPE';

type Value =
  | { kind: 'string'; string: PolicyString }
  | { kind: 'list'; items: PolicyString[]; range: TextRange }
  | { kind: 'bool'; value: boolean; range: TextRange }
  | { kind: 'number'; value: number; range: TextRange }
  | { kind: 'other'; range: TextRange; why: string };

/** A value with `${…}` in it, already reported as such: no other diagnostic repeats it. */
function isInterpolation(value: Value): boolean {
  return value.kind === 'other' && value.why === 'interpolation';
}

interface Attribute {
  name: string;
  nameRange: TextRange;
  value: Value;
}

interface Block {
  type: string;
  typeRange: TextRange;
  labels: PolicyString[];
  range: TextRange;
  body: Node | undefined;
}

/** Parses one policy file. The tree is freed before returning. */
export function parsePolicyFile(path: string, text: string, parser: HclParser): PolicyFile {
  const tree = parser.parse(text);
  try {
    const reader = new PolicyReader(path, text);
    const file = reader.read(tree.rootNode);
    file.findings.unshift(...syntaxErrors(tree));
    return file;
  } finally {
    tree.delete();
  }
}

class PolicyReader {
  private readonly positions: TextPositions;
  private readonly findings: Finding[] = [];

  constructor(private readonly path: string, private readonly text: string) {
    this.positions = new TextPositions(text);
  }

  read(root: Node): PolicyFile {
    const file: PolicyFile = { path: this.path, text: this.text, findings: this.findings, roles: [], tables: [] };
    const body = root.children.find((c) => c?.type === 'body') ?? undefined;
    for (const attribute of this.attributes(body)) {
      if (attribute.name === 'tenant_key') file.tenantKey = this.string(attribute);
      else if (attribute.name === 'cross_tenant_joins') {
        const value = this.string(attribute);
        if (value && value.value !== 'deny' && value.value !== 'allow') {
          this.report(value.range, '`cross_tenant_joins` must be "deny" or "allow"');
        } else if (value) file.crossTenantJoins = value;
      } else this.unknownAttribute(attribute, 'at the top of a policy file', ['tenant_key', 'cross_tenant_joins']);
    }
    for (const block of this.blocks(body)) {
      if (block.type === 'role') {
        const role = this.role(block);
        if (role) file.roles.push(role);
      } else if (block.type === 'table') {
        const table = this.table(block);
        if (table) file.tables.push(table);
      } else this.unknownBlock(block, 'at the top of a policy file', ['role', 'table']);
    }
    return file;
  }

  private role(block: Block): RoleDeclaration | undefined {
    const label = this.singleLabel(block, 'role "Name"');
    if (!label) return undefined;
    const role: RoleDeclaration = { name: label.value, declared: label, blockRange: block.range, inherits: [] };
    for (const attribute of this.attributes(block.body)) {
      if (attribute.name === 'inherits') role.inherits = this.list(attribute) ?? [];
      else if (attribute.name === 'kinds') role.kinds = this.kinds(attribute);
      else if (attribute.name === 'description') role.description = this.string(attribute)?.value;
      else this.unknownAttribute(attribute, 'in a role block', ['inherits', 'kinds', 'description']);
    }
    for (const inner of this.blocks(block.body)) this.unknownBlock(inner, 'in a role block', []);
    return role;
  }

  private table(block: Block): TableRule | undefined {
    const label = this.singleLabel(block, 'table "name"');
    if (!label) return undefined;
    const table: TableRule = { name: label, blockRange: block.range, filters: [], masks: [] };
    for (const attribute of this.attributes(block.body)) {
      if (attribute.name === 'tenant_key') table.tenantKey = this.string(attribute);
      else if (attribute.name === 'readers') table.readers = this.list(attribute);
      else if (attribute.name === 'description') table.description = this.string(attribute)?.value;
      else this.unknownAttribute(attribute, 'in a table block', ['tenant_key', 'readers', 'description']);
    }
    for (const inner of this.blocks(block.body)) {
      if (inner.type === 'row_filter') {
        const filter = this.rowFilter(label.value, inner);
        if (filter) table.filters.push(filter);
      } else if (inner.type === 'mask') {
        const mask = this.mask(label.value, inner);
        if (mask) table.masks.push(mask);
      } else this.unknownBlock(inner, 'in a table block', ['row_filter', 'mask']);
    }
    return table;
  }

  private rowFilter(table: string, block: Block): RowFilterRule | undefined {
    const label = this.singleLabel(block, 'row_filter "name"');
    if (!label) return undefined;
    const filter: RowFilterRule = { table, name: label, blockRange: block.range, exempt: [] };
    for (const attribute of this.attributes(block.body)) {
      if (attribute.name === 'using') filter.using = this.string(attribute);
      else if (attribute.name === 'roles') filter.roles = this.list(attribute);
      else if (attribute.name === 'exempt') filter.exempt = this.list(attribute) ?? [];
      else if (attribute.name === 'kinds') filter.kinds = this.kinds(attribute);
      else if (attribute.name === 'description') filter.description = this.string(attribute)?.value;
      else this.unknownAttribute(attribute, 'in a row_filter block', ['using', 'roles', 'exempt', 'kinds', 'description']);
    }
    for (const inner of this.blocks(block.body)) this.unknownBlock(inner, 'in a row_filter block', []);
    // A `using` of the wrong kind has its own diagnostic already.
    if (!filter.using && !this.hasAttribute(block, 'using')) this.report(block.typeRange, `row_filter "${label.value}" has no \`using\` condition`);
    return filter;
  }

  private mask(table: string, block: Block): MaskRule | undefined {
    const label = this.singleLabel(block, 'mask "column"');
    if (!label) return undefined;
    const mask: MaskRule = { table, column: label, blockRange: block.range, base: {}, byKind: {} };
    this.maskVariant(block, mask.base, 'in a mask block', ['function', 'exempt', 'description'], (d) => (mask.description = d));
    for (const inner of this.blocks(block.body)) {
      if (inner.type === 'human' || inner.type === 'agent') {
        if (inner.labels.length > 0) this.report(inner.labels[0].range, `a \`${inner.type}\` block takes no label`);
        const variant: MaskVariant & { range: TextRange } = { range: inner.range };
        this.maskVariant(inner, variant, `in an ${inner.type} block`, ['function', 'exempt'], undefined);
        for (const nested of this.blocks(inner.body)) this.unknownBlock(nested, `in an ${inner.type} block`, []);
        mask.byKind[inner.type as PrincipalKind] = variant;
      } else this.unknownBlock(inner, 'in a mask block', ['human', 'agent']);
    }
    const blocks = [block, ...this.blocks(block.body).filter((b) => b.type === 'human' || b.type === 'agent')];
    if (!mask.base.functionText && !mask.byKind.human?.functionText && !mask.byKind.agent?.functionText && !blocks.some((b) => this.hasAttribute(b, 'function'))) {
      this.report(block.typeRange, `mask "${label.value}" has no \`function\` (redact, partial(N), hash or null)`);
    }
    return mask;
  }

  private maskVariant(block: Block, variant: MaskVariant, where: string, allowed: string[], description: ((d: string) => void) | undefined): void {
    for (const attribute of this.attributes(block.body)) {
      if (attribute.name === 'function') {
        const text = this.string(attribute);
        if (text) {
          variant.functionText = text;
          variant.fn = parseMaskFunction(text.value);
        }
      } else if (attribute.name === 'exempt') variant.exempt = this.list(attribute) ?? [];
      else if (attribute.name === 'description' && description) description(this.string(attribute)?.value ?? '');
      else this.unknownAttribute(attribute, where, allowed);
    }
  }

  private kinds(attribute: Attribute): Located<string>[] | undefined {
    const list = this.list(attribute);
    for (const item of list ?? []) {
      if (item.value !== 'human' && item.value !== 'agent') this.report(item.range, `unknown principal kind "${item.value}": use "human" or "agent"`);
    }
    return list?.filter((i) => i.value === 'human' || i.value === 'agent');
  }

  private singleLabel(block: Block, shape: string): PolicyString | undefined {
    if (block.labels.length !== 1) {
      this.report(block.typeRange, `a ${block.type} block needs exactly one label: ${shape} { … }`);
      return undefined;
    }
    return block.labels[0];
  }

  /** Whether a block sets an attribute, whatever its value (read without reporting on it again). */
  private hasAttribute(block: Block, name: string): boolean {
    return (block.body?.children ?? []).some((c) => c?.type === 'attribute' && c.child(0)?.text === name);
  }

  private string(attribute: Attribute): PolicyString | undefined {
    if (attribute.value.kind === 'string') return attribute.value.string;
    if (isInterpolation(attribute.value)) return undefined;
    this.report(attribute.value.kind === 'list' ? attribute.value.range : this.rangeOfValue(attribute.value), `\`${attribute.name}\` must be a string`);
    return undefined;
  }

  private list(attribute: Attribute): PolicyString[] | undefined {
    if (attribute.value.kind === 'list') return attribute.value.items;
    if (isInterpolation(attribute.value)) return undefined;
    this.report(attribute.value.kind === 'string' ? attribute.value.string.range : this.rangeOfValue(attribute.value), `\`${attribute.name}\` must be a list of strings, e.g. ["Analyst"]`);
    return undefined;
  }

  private rangeOfValue(value: Value): TextRange {
    if (value.kind === 'string') return value.string.range;
    return value.range;
  }

  private unknownAttribute(attribute: Attribute, where: string, allowed: string[]): void {
    this.report(attribute.nameRange, `unknown attribute \`${attribute.name}\` ${where}${allowed.length ? ` (expected ${allowed.map((a) => `\`${a}\``).join(', ')})` : ''}`);
  }

  private unknownBlock(block: Block, where: string, allowed: string[]): void {
    this.report(block.typeRange, `unknown block \`${block.type}\` ${where}${allowed.length ? ` (expected ${allowed.map((a) => `\`${a}\``).join(', ')})` : ''}`);
  }

  private report(range: TextRange, message: string): void {
    this.findings.push({ code: policyShapeCode, severity: 'error', message, range });
  }

  private attributes(body: Node | undefined): Attribute[] {
    const result: Attribute[] = [];
    for (const child of body?.children ?? []) {
      if (!child || child.type !== 'attribute') continue;
      const name = child.child(0);
      const expression = child.children.find((c) => c?.type === 'expression');
      if (!name || name.type !== 'identifier' || !expression) continue;
      result.push({ name: name.text, nameRange: this.rangeOf(name), value: this.value(expression) });
    }
    return result;
  }

  private blocks(body: Node | undefined): Block[] {
    const result: Block[] = [];
    for (const child of body?.children ?? []) {
      if (!child || child.type !== 'block') continue;
      const type = child.child(0);
      if (!type || type.type !== 'identifier') continue;
      const labels: PolicyString[] = [];
      for (const label of child.children.slice(1)) {
        if (!label) continue;
        if (label.type === 'string_lit') {
          const s = this.stringLiteral(label);
          if (s) labels.push(s);
        } else if (label.type === 'identifier') labels.push(this.plain(label.text, label));
        else break;
      }
      result.push({ type: type.text, typeRange: this.rangeOf(type), labels, range: this.rangeOf(child), body: child.children.find((c) => c?.type === 'body') ?? undefined });
    }
    return result;
  }

  private value(expression: Node): Value {
    const inner = expression.child(0);
    const range = this.rangeOf(expression);
    if (!inner) return { kind: 'other', range, why: 'empty' };
    if (inner.type === 'literal_value') {
      const literal = inner.child(0);
      if (literal?.type === 'string_lit') {
        const s = this.stringLiteral(literal);
        return s ? { kind: 'string', string: s } : { kind: 'other', range, why: 'template' };
      }
      if (literal?.type === 'bool_lit') return { kind: 'bool', value: literal.text === 'true', range };
      if (literal?.type === 'numeric_lit') return { kind: 'number', value: Number(literal.text), range };
      return { kind: 'other', range, why: literal?.type ?? 'unknown' };
    }
    if (inner.type === 'template_expr') {
      const template = inner.child(0);
      if (template?.type === 'heredoc_template') {
        const literals = template.children.filter((c): c is Node => c?.type === 'template_literal');
        if (template.children.some((c) => c?.type === 'template_interpolation' || c?.type === 'template_directive')) {
          this.report(range, 'policy values cannot use `${…}` interpolation; placeholders are written `{name}`');
          return { kind: 'other', range, why: 'interpolation' };
        }
        const literal = literals[0];
        if (!literal) return { kind: 'string', string: this.plain('', inner) };
        const start = literal.startIndex;
        const value = literal.text;
        return {
          kind: 'string',
          string: { value, file: this.path, range: this.rangeOf(literal), positionOf: (i) => this.positions.positionAt(start + Math.min(i, value.length)) },
        };
      }
      if (template?.type === 'quoted_template') {
        this.report(range, 'policy values cannot use `${…}` interpolation; placeholders are written `{name}`');
        return { kind: 'other', range, why: 'interpolation' };
      }
      return { kind: 'other', range, why: 'template' };
    }
    if (inner.type === 'collection_value') {
      const tuple = inner.child(0);
      if (tuple?.type !== 'tuple') return { kind: 'other', range, why: 'object' };
      const items: PolicyString[] = [];
      for (const element of tuple.children) {
        if (!element || element.type !== 'expression') continue;
        const item = this.value(element);
        if (item.kind === 'string') items.push(item.string);
        else this.report(item.range, 'list items must be strings');
      }
      return { kind: 'list', items, range };
    }
    return { kind: 'other', range, why: inner.type };
  }

  /** A quoted string's value with its escapes decoded, and where each character came from. */
  private stringLiteral(node: Node): PolicyString | undefined {
    const open = node.child(0);
    const close = node.child(node.childCount - 1);
    if (!open || !close) return undefined;
    const contentStart = open.endIndex;
    const contentEnd = close.type === 'quoted_template_end' ? close.startIndex : node.endIndex;
    const raw = this.text.slice(contentStart, contentEnd);
    let value = '';
    const sources: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      sources.push(contentStart + i);
      if (raw[i] === '\\' && i + 1 < raw.length) {
        const next = raw[i + 1];
        const decoded: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        value += decoded[next] ?? next;
        i++;
      } else value += raw[i];
    }
    sources.push(contentEnd);
    return {
      value,
      file: this.path,
      range: this.rangeOf(node),
      positionOf: (index) => this.positions.positionAt(sources[Math.max(0, Math.min(index, sources.length - 1))]),
    };
  }

  private plain(value: string, node: Node): PolicyString {
    const start = node.startIndex;
    return { value, file: this.path, range: this.rangeOf(node), positionOf: (i) => this.positions.positionAt(start + Math.min(i, value.length)) };
  }

  private rangeOf(node: Node): TextRange {
    return {
      start: { line: node.startPosition.row, character: node.startPosition.column },
      end: { line: node.endPosition.row, character: node.endPosition.column },
    };
  }
}

/** A role name as a located value, for the predeclared roles. */
export function located<T>(value: T, file: string, range: TextRange): Located<T> {
  return { value, file, range };
}
