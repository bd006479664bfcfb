import { evaluate, type EvalScope } from './evaluate';
import type { Expr } from './expressions';
import { type BlockModel, dynamicIteratorName } from './fileModel';
import { unknown, type Value } from './values';
import type { Declaration, WorkspaceIndex } from './workspaceIndex';

/** The instance being evaluated: `count.index` or `each.key`/`each.value` where they are bound. */
interface Iteration {
  countIndex?: number;
  each?: { key: Value; value: Value };
  /** The iterators of the `dynamic` blocks being expanded (`ingress.value`), innermost last. */
  dynamic?: readonly DynamicIterator[];
}

interface DynamicIterator {
  name: string;
  key: Value;
  value: Value;
}

/** A nested block as the configuration makes it: written out, or made by a `dynamic` block, with the evaluator that knows its iterator. */
export interface ExpandedBlock {
  block: BlockModel;
  evaluator: ModuleEvaluator;
}

/** How a module was reached: from a parent's `module` block, whose arguments set its variables. */
interface Caller {
  parent: ModuleEvaluator;
  call: Declaration;
}

const emptyScope: EvalScope = { resolve: () => ({ value: unknown, consumed: 1 }) };

/** Past this many nested module or reference hops an evaluation gives up (Unknown), so cycles and deep chains stay cheap. */
const maxDepth = 40;

/**
 * Evaluates expressions of one module statically, answering the evaluator's questions about
 * `var.`, `local.`, resources, data sources and module outputs from the workspace index. Values it
 * cannot know are Unknown. Results are cached for the index generation they were computed in.
 */
export class ModuleEvaluator implements EvalScope {
  private readonly cache = new Map<string, Value>();
  private readonly inProgress = new Set<string>();
  private readonly generation: number;

  constructor(
    private readonly index: WorkspaceIndex,
    readonly moduleUri: string,
    private readonly caller?: Caller,
    private readonly iteration: Iteration = {},
    private readonly depth = 0,
  ) {
    this.generation = index.generation;
  }

  /** Evaluates an expression written in this module. */
  value(expr: Expr): Value {
    if (this.index.generation !== this.generation) return unknown;
    return evaluate(expr, this);
  }

  resolve(path: readonly (string | number)[]): { value: Value; consumed: number } {
    const [root, first, second] = path;
    if (this.depth > maxDepth || typeof root !== 'string') return { value: unknown, consumed: path.length };
    const iterators = this.iteration.dynamic ?? [];
    for (let i = iterators.length - 1; i >= 0; i--) {
      if (iterators[i].name !== root) continue;
      return first === 'key' || first === 'value' ? { value: iterators[i][first], consumed: 2 } : { value: unknown, consumed: path.length };
    }
    switch (root) {
      case 'var':
        return typeof first === 'string' ? { value: this.variable(first), consumed: 2 } : { value: unknown, consumed: path.length };
      case 'local':
        return typeof first === 'string' ? { value: this.local(first), consumed: 2 } : { value: unknown, consumed: path.length };
      case 'count':
        return first === 'index' && this.iteration.countIndex !== undefined ? { value: { kind: 'number', value: this.iteration.countIndex }, consumed: 2 } : { value: unknown, consumed: path.length };
      case 'each':
        if (this.iteration.each && (first === 'key' || first === 'value')) return { value: this.iteration.each[first], consumed: 2 };
        return { value: unknown, consumed: path.length };
      case 'module':
        if (typeof first === 'string' && typeof second === 'string') return { value: this.moduleOutput(first, second), consumed: 3 };
        return { value: unknown, consumed: path.length };
      case 'data':
        if (typeof first === 'string' && typeof second === 'string') return this.resource(`data.${first}.${second}`, path.slice(3), 3);
        return { value: unknown, consumed: path.length };
      case 'path':
      case 'self':
      case 'terraform':
        return { value: unknown, consumed: path.length };
      default:
        if (typeof first === 'string') return this.resource(`${root}.${first}`, path.slice(2), 2);
        return { value: unknown, consumed: path.length };
    }
  }

  /** A variable's value: the caller's argument, else the last auto-loaded tfvars assignment (root modules), else its default. */
  variable(name: string): Value {
    return this.cached(`var.${name}`, () => {
      const declaration = this.index.declaration(this.moduleUri, `var.${name}`);
      if (!declaration?.block) return unknown;
      const fallback = (): Value => {
        const d = declaration.block?.body.attributes.find((a) => a.name === 'default');
        return d ? this.value(d.expr) : unknown;
      };
      if (this.caller) return this.argument(this.caller, name) ?? fallback();
      const callers = this.index.callersOf(this.moduleUri);
      if (callers.length === 1) {
        const parent = new ModuleEvaluator(this.index, callers[0].parent, undefined, {}, this.depth + 1);
        return this.argument({ parent, call: callers[0].declaration }, name) ?? fallback();
      }
      if (callers.length > 1) {
        // Called from several places: known only when every call agrees.
        const values = callers.map((c) => this.argument({ parent: new ModuleEvaluator(this.index, c.parent, undefined, {}, this.depth + 1), call: c.declaration }, name) ?? fallback());
        const first = JSON.stringify(values[0]);
        return values.every((v) => JSON.stringify(v) === first) ? values[0] : unknown;
      }
      const assignments = this.index.module(this.moduleUri).tfvars.filter((t) => t.attribute.name === name);
      const last = assignments[assignments.length - 1];
      return last ? evaluate(last.attribute.expr, emptyScope) : fallback();
    });
  }

  private argument(caller: Caller, name: string): Value | undefined {
    const attribute = caller.call.block?.body.attributes.find((a) => a.name === name);
    return attribute ? caller.parent.value(attribute.expr) : undefined;
  }

  local(name: string): Value {
    return this.cached(`local.${name}`, () => {
      const declaration = this.index.declaration(this.moduleUri, `local.${name}`);
      return declaration?.attribute ? this.value(declaration.attribute.expr) : unknown;
    });
  }

  /** An output of a local child module, evaluated with this call's arguments. */
  moduleOutput(moduleName: string, output: string): Value {
    return this.cached(`module.${moduleName}.${output}`, () => {
      const call = this.index.declaration(this.moduleUri, `module.${moduleName}`);
      if (!call?.block || call.block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each')) return unknown;
      const child = this.index.childModuleUri(call);
      if (!child) return unknown;
      const declaration = this.index.declaration(child, `output.${output}`);
      const value = declaration?.block?.body.attributes.find((a) => a.name === 'value');
      if (!value) return unknown;
      return new ModuleEvaluator(this.index, child, { parent: this, call }, {}, this.depth + 1).value(value.expr);
    });
  }

  /**
   * A resource or data source, as far as its configuration says: `rest` is the path after its
   * address. Counted and `for_each` resources are indexed first (`aws_subnet.a[0].cidr_block`).
   */
  private resource(key: string, rest: readonly (string | number)[], consumedBefore: number): { value: Value; consumed: number } {
    const declaration = this.index.declaration(this.moduleUri, key);
    const block = declaration?.block;
    if (!block) return { value: unknown, consumed: consumedBefore + rest.length };
    const count = block.body.attributes.find((a) => a.name === 'count');
    const forEach = block.body.attributes.find((a) => a.name === 'for_each');
    if (count || forEach) {
      const [instanceKey, attribute] = rest;
      if (instanceKey === undefined || attribute === undefined || typeof attribute !== 'string') return { value: unknown, consumed: consumedBefore + rest.length };
      let iteration: Iteration | undefined;
      if (count && typeof instanceKey === 'number') {
        const n = this.value(count.expr);
        if (n.kind === 'number' && instanceKey >= 0 && instanceKey < n.value) iteration = { countIndex: instanceKey };
      } else if (forEach && typeof instanceKey === 'string') {
        const collection = this.value(forEach.expr);
        if (collection.kind === 'object' && instanceKey in collection.entries) iteration = { each: { key: { kind: 'string', value: instanceKey }, value: collection.entries[instanceKey] } };
        if (collection.kind === 'list' && collection.items.some((i) => i.kind === 'string' && i.value === instanceKey)) {
          iteration = { each: { key: { kind: 'string', value: instanceKey }, value: { kind: 'string', value: instanceKey } } };
        }
      }
      if (!iteration) return { value: unknown, consumed: consumedBefore + rest.length };
      const scoped = new ModuleEvaluator(this.index, this.moduleUri, this.caller, iteration, this.depth + 1);
      return { value: scoped.attributeOf(block, key, attribute), consumed: consumedBefore + 2 };
    }
    const [attribute] = rest;
    if (typeof attribute !== 'string') return { value: this.blockValue(block), consumed: consumedBefore };
    return { value: this.attributeOf(block, key, attribute), consumed: consumedBefore + 1 };
  }

  private attributeOf(block: BlockModel, key: string, attribute: string): Value {
    const instance = this.iteration.countIndex ?? (this.iteration.each?.key.kind === 'string' ? this.iteration.each.key.value : '');
    return this.cached(`${key}[${String(instance)}].${attribute}`, () => {
      const a = block.body.attributes.find((x) => x.name === attribute);
      if (a) return this.value(a.expr);
      return this.nestedValue(block.body, attribute) ?? unknown;
    });
  }

  /** A block as an object: its attributes, and its nested blocks (those `dynamic` blocks make too) as lists of objects. */
  blockValue(block: BlockModel): Value {
    const entries: Record<string, Value> = {};
    for (const a of block.body.attributes) entries[a.name] = this.value(a.expr);
    for (const b of block.body.blocks) {
      const type = b.type === 'dynamic' ? b.labels[0] : b.type;
      if (type !== undefined && !(type in entries)) entries[type] = this.nestedValue(block.body, type) ?? unknown;
    }
    return { kind: 'object', entries };
  }

  /**
   * The nested blocks of one type in a body as a list of objects; undefined when there are none,
   * Unknown when a `dynamic` block of that type iterates over something not known.
   */
  nestedValue(body: BlockModel['body'], type: string): Value | undefined {
    if (!body.blocks.some((b) => b.type === type || (b.type === 'dynamic' && b.labels[0] === type))) return undefined;
    const { blocks, complete } = this.expandBlocks(body, type);
    if (!complete) return unknown;
    return { kind: 'list', items: blocks.map((e) => e.evaluator.blockValue(e.block)) };
  }

  /**
   * The nested blocks of one type in a body: those written out, then, for each `dynamic "<type>"`
   * block, its `content` once per element of its `for_each`, with `<iterator>.key` and `.value`
   * bound. A `dynamic` block whose `for_each` is not known makes none, and the list is then not
   * `complete` (how many blocks there are is not known).
   */
  expandBlocks(body: BlockModel['body'], type: string): { blocks: ExpandedBlock[]; complete: boolean } {
    const result: ExpandedBlock[] = [];
    let complete = true;
    for (const b of body.blocks) {
      if (b.type === type) {
        result.push({ block: b, evaluator: this });
        continue;
      }
      if (b.type !== 'dynamic' || b.labels[0] !== type) continue;
      const content = b.body.blocks.find((c) => c.type === 'content');
      const forEach = b.body.attributes.find((a) => a.name === 'for_each');
      if (!content || !forEach) continue;
      const name = dynamicIteratorName(b) ?? type;
      const collection = this.value(forEach.expr);
      let elements: [Value, Value][];
      if (collection.kind === 'list') elements = collection.items.map((value, i) => [{ kind: 'number', value: i }, value]);
      else if (collection.kind === 'object') elements = Object.entries(collection.entries).map(([key, value]) => [{ kind: 'string', value: key }, value]);
      else {
        complete = false;
        continue;
      }
      for (const [key, value] of elements) {
        const iteration: Iteration = { ...this.iteration, dynamic: [...(this.iteration.dynamic ?? []), { name, key, value }] };
        result.push({ block: content, evaluator: new ModuleEvaluator(this.index, this.moduleUri, this.caller, iteration, this.depth + 1) });
      }
    }
    return { blocks: result, complete };
  }

  /** Evaluates `compute` once per key, and returns Unknown when the key is reached again while computing it (a cycle). */
  private cached(key: string, compute: () => Value): Value {
    const hit = this.cache.get(key);
    if (hit) return hit;
    if (this.inProgress.has(key) || this.depth > maxDepth) return unknown;
    this.inProgress.add(key);
    try {
      const value = compute();
      this.cache.set(key, value);
      return value;
    } finally {
      this.inProgress.delete(key);
    }
  }
}
