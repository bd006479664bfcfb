import type { TextRange } from '../protocol/findings';
import type { Expr } from '../terraform/expressions';
import { referencesIn } from '../terraform/expressions';
import type { BlockModel, FileModel } from '../terraform/fileModel';
import type { ModuleEvaluator } from '../terraform/moduleEvaluator';
import { formatNumber, fromJson, getPath, unknown, type Value } from '../terraform/values';
import { literalString } from '../terraform/staticText';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';
import type { ResourceView, ValuePath } from './ruleTypes';

/** What every view of one Terraform module shares: the index, the module and its evaluator. */
export interface TerraformScope {
  index: WorkspaceIndex;
  moduleUri: string;
  evaluator: ModuleEvaluator;
  /** Builds (or returns the cached) view of a declaration of the module, by its key. */
  viewOf(key: string): TerraformResourceView | undefined;
  /** The evaluator of another module of the workspace. */
  evaluatorOf(moduleUri: string): ModuleEvaluator;
}

/** The same scope, evaluating with another evaluator (one that knows a dynamic block's iterator). */
function withEvaluator(scope: TerraformScope, evaluator: ModuleEvaluator): TerraformScope {
  return { index: scope.index, moduleUri: scope.moduleUri, evaluator, viewOf: (key) => scope.viewOf(key), evaluatorOf: (uri) => scope.evaluatorOf(uri) };
}

/** The placeholder `text()` writes for a part that cannot be known. */
export const unknownText = '\u0000';

/** Functions that pass their argument's text through unchanged in a way that matters for secrets. */
const textWrappers = new Set(['base64encode', 'base64gzip', 'trimspace', 'chomp', 'sensitive', 'nonsensitive']);

/** Adapts one Terraform block (a resource, data source, provider, variable or a nested block) to the rules' view. */
export class TerraformResourceView implements ResourceView {
  constructor(
    private readonly scope: TerraformScope,
    readonly kind: ResourceView['kind'],
    readonly type: string,
    readonly address: string,
    readonly block: BlockModel,
    readonly uri: string,
    /** The top-level block this one is nested in (itself for top-level blocks). */
    readonly top: BlockModel = block,
  ) {}

  get moduleUri(): string {
    return this.scope.moduleUri;
  }

  private attributeModel(name: string): { expr: Expr } | undefined {
    return this.block.body.attributes.find((a) => a.name === name);
  }

  attribute(path: string | ValuePath): Value | undefined {
    const [name, ...rest] = typeof path === 'string' ? [path] : path;
    if (typeof name !== 'string') return undefined;
    const a = this.attributeModel(name);
    if (a) {
      const v = this.scope.evaluator.value(a.expr);
      return rest.length > 0 ? getPath(v, rest) : v;
    }
    const list = this.scope.evaluator.nestedValue(this.block.body, name);
    if (list === undefined) return undefined;
    return rest.length > 0 ? getPath(list, rest) : list;
  }

  /** The nested blocks of a type, `dynamic` ones expanded (none of those whose `for_each` is not known). */
  blocks(name: string): ResourceView[] {
    return this.scope.evaluator.expandBlocks(this.block.body, name).blocks.map(({ block, evaluator }, i) => {
      const scope = evaluator === this.scope.evaluator ? this.scope : withEvaluator(this.scope, evaluator);
      return new TerraformResourceView(scope, this.kind, name, `${this.address}.${name}[${i}]`, block, this.uri, this.top);
    });
  }

  text(name: string): string | undefined {
    const a = this.attributeModel(name);
    if (!a) return undefined;
    return this.textOf(a.expr, 0);
  }

  private textOf(expr: Expr, depth: number): string {
    if (depth > 20) return unknownText;
    switch (expr.kind) {
      case 'literal':
        return typeof expr.value === 'string' ? expr.value : typeof expr.value === 'number' ? formatNumber(expr.value) : unknownText;
      case 'template':
        return expr.parts.map((p) => (typeof p === 'string' ? p : this.textOf(p, depth + 1))).join('');
      case 'call':
        if (textWrappers.has(expr.name) && expr.args.length === 1) return this.textOf(expr.args[0], depth + 1);
        break;
      case 'traversal':
        // A local's text is read from its own expression, so that a secret beside an unknown
        // interpolation in a shared heredoc is still found.
        if (expr.root === 'local' && expr.steps.length === 1 && expr.steps[0].kind === 'attr') {
          const local = this.scope.index.declaration(this.scope.moduleUri, `local.${expr.steps[0].name}`);
          if (local?.attribute) return this.textOf(local.attribute.expr, depth + 1);
        }
        break;
    }
    const v = this.scope.evaluator.value(expr);
    if (v.kind === 'string') return v.value;
    if (v.kind === 'number') return formatNumber(v.value);
    if (v.kind === 'bool') return String(v.value);
    return unknownText;
  }

  json(name: string): Value | undefined {
    const a = this.attributeModel(name);
    if (!a) return undefined;
    if (a.expr.kind === 'call' && a.expr.name === 'jsonencode' && a.expr.args.length === 1) return this.scope.evaluator.value(a.expr.args[0]);
    const v = this.scope.evaluator.value(a.expr);
    if (v.kind !== 'string') return v.kind === 'null' ? v : unknown;
    try {
      return fromJson(JSON.parse(v.value));
    } catch {
      return unknown;
    }
  }

  isLiteral(name: string): boolean {
    const a = this.attributeModel(name);
    if (!a) return false;
    return a.expr.kind === 'literal' || (a.expr.kind === 'template' && a.expr.parts.every((p) => typeof p === 'string'));
  }

  region(): Value {
    if (this.kind === 'provider' || this.type.startsWith('azurerm_')) {
      return this.kind === 'provider' ? (this.attribute('region') ?? unknown) : (this.topView().attribute('location') ?? unknown);
    }
    const own = this.topView().attribute('region');
    if (own !== undefined) return own;
    const providerName = this.type.slice(0, this.type.indexOf('_'));
    const providerAttr = this.top.body.attributes.find((a) => a.name === 'provider');
    let key = `provider.${providerName}`;
    if (providerAttr) {
      const e = providerAttr.expr;
      if (e.kind !== 'traversal' || e.steps.length !== 1 || e.steps[0].kind !== 'attr') return unknown;
      key = `provider.${e.root}.${e.steps[0].name}`;
    }
    return this.providerRegion(this.scope.moduleUri, key, 0);
  }

  /** The region of a provider configuration, looked up in the module and then in its single caller. */
  private providerRegion(moduleUri: string, key: string, depth: number): Value {
    if (depth > 10) return unknown;
    const declaration = this.scope.index.declaration(moduleUri, key);
    if (declaration?.block) {
      const region = declaration.block.body.attributes.find((a) => a.name === 'region');
      return region ? this.scope.evaluatorOf(moduleUri).value(region.expr) : unknown;
    }
    const callers = this.scope.index.callersOf(moduleUri);
    // A module with its own provider mapping (`providers = {…}`) is not followed: its region is unknown.
    if (callers.length !== 1 || callers[0].declaration.block?.body.attributes.some((a) => a.name === 'providers')) return unknown;
    if (key.split('.').length > 2) return unknown;
    return this.providerRegion(callers[0].parent, key, depth + 1);
  }

  private topView(): TerraformResourceView {
    if (this.top === this.block) return this;
    return new TerraformResourceView(this.scope, this.kind, this.type, this.address, this.top, this.uri);
  }

  private addressesIn(name: string): string[] {
    const a = this.attributeModel(name);
    if (!a) return [];
    const out = new Set<string>();
    for (const r of referencesIn(a.expr)) {
      if (r.root === 'data' && typeof r.names[0] === 'string' && typeof r.names[1] === 'string') out.add(`data.${r.names[0]}.${r.names[1]}`);
      else if (!['var', 'local', 'module', 'each', 'count', 'path', 'self', 'terraform'].includes(r.root) && typeof r.names[0] === 'string') out.add(`${r.root}.${r.names[0]}`);
    }
    return [...out];
  }

  refersTo(name: string, target: ResourceView): boolean {
    if (!(target instanceof TerraformResourceView) || target.moduleUri !== this.moduleUri) return false;
    return this.addressesIn(name).includes(target.address);
  }

  referenced(name: string): ResourceView | undefined {
    const addresses = this.addressesIn(name);
    return addresses.length === 1 ? this.scope.viewOf(addresses[0]) : undefined;
  }

  rangeOf(path?: string | ValuePath): TextRange {
    const steps = path === undefined ? [] : typeof path === 'string' ? [path] : [...path];
    const [name, ...rest] = steps;
    if (typeof name !== 'string') return this.headerRange();
    const a = this.attributeModel(name);
    if (a) return exprAt(a.expr, rest).range;
    const nested = this.blocks(name);
    if (nested.length === 0) return this.headerRange();
    const [first, ...after] = rest;
    const i = typeof first === 'number' ? first : 0;
    const view = nested[i] ?? nested[0];
    return view.rangeOf(typeof first === 'number' ? after : rest);
  }

  /** From the block type to the end of its last label (and its closing quote). */
  headerRange(): TextRange {
    const last = this.block.labelRanges[this.block.labelRanges.length - 1];
    if (!last) return this.block.typeRange;
    return { start: this.block.typeRange.start, end: { line: last.end.line, character: last.end.character + 1 } };
  }

  blockRange(): TextRange {
    return this.block.range;
  }
}

/** The deepest sub-expression a path reaches through object keys, tuple items and `jsonencode(…)`. */
function exprAt(expr: Expr, path: readonly (string | number)[]): Expr {
  let current = expr;
  for (const step of path) {
    if (current.kind === 'call' && current.name === 'jsonencode' && current.args.length === 1) current = current.args[0];
    if (current.kind === 'object') {
      const item = current.items.find((i) => i.keyName === String(step));
      if (!item) return current;
      current = item.value;
    } else if (current.kind === 'tuple' && typeof step === 'number' && current.items[step]) {
      current = current.items[step];
    } else return current;
  }
  return current;
}

/** The views of every top-level block of a file that rules look at. */
export function viewsOfFile(scope: TerraformScope, file: FileModel): TerraformResourceView[] {
  const out: TerraformResourceView[] = [];
  if (file.kind !== 'tf') return out;
  for (const block of file.body.blocks) {
    const key = keyOf(block);
    if (!key) continue;
    const view = scope.viewOf(key);
    // Duplicates are reported elsewhere; each block still gets its own view.
    out.push(view && view.block === block ? view : viewOfBlock(scope, block, file.uri, key));
  }
  return out;
}

/** The declaration key of a top-level block rules look at, or undefined. */
export function keyOf(block: BlockModel): string | undefined {
  const [first, second] = block.labels;
  switch (block.type) {
    case 'resource':
      return first !== undefined && second !== undefined ? `${first}.${second}` : undefined;
    case 'data':
      return first !== undefined && second !== undefined ? `data.${first}.${second}` : undefined;
    case 'variable':
      return first !== undefined ? `var.${first}` : undefined;
    case 'provider': {
      if (first === undefined) return undefined;
      const alias = block.body.attributes.find((a) => a.name === 'alias');
      const aliasName = literalString(alias?.expr);
      return aliasName ? `provider.${first}.${aliasName}` : `provider.${first}`;
    }
    default:
      return undefined;
  }
}

export function viewOfBlock(scope: TerraformScope, block: BlockModel, uri: string, key: string): TerraformResourceView {
  const [first, second] = block.labels;
  switch (block.type) {
    case 'resource':
      return new TerraformResourceView(scope, 'resource', first, key, block, uri);
    case 'data':
      return new TerraformResourceView(scope, 'data', first, key, block, uri);
    case 'variable':
      return new TerraformResourceView(scope, 'variable', 'variable', key, block, uri);
    default:
      return new TerraformResourceView(scope, 'provider', first ?? second ?? '', key, block, uri);
  }
}
