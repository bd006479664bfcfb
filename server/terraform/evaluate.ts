import type { Expr, TraversalStep } from './expressions';
import { callFunction } from './functions';
import { toBool, toNumber, toStringValue, typeName } from './functions/conversions';
import { EvaluationError, EvaluationLimitError, fail, type FunctionContext } from './functions/evaluationError';
import {
  boolValue,
  formatNumber,
  getStep,
  isKnown,
  listValue,
  nullValue,
  numberValue,
  objectValue,
  sortedKeys,
  stringValue,
  unknown,
  valuesEqual,
  type Value,
} from './values';

/**
 * What the evaluator asks the workspace index: the value a reference's root resolves to. `path` is
 * [root, ...names] of the traversal, e.g. ['var','cidr'] or ['aws_vpc','main','cidr_block'] or
 * ['each','value']; return unknown when it cannot be known. The scope may resolve a prefix and let
 * the evaluator apply the rest: `consumed` is how many leading path elements the value stands for.
 */
export interface EvalScope {
  resolve(path: readonly (string | number)[]): { value: Value; consumed: number };
}

/** Limits of one evaluation. */
export interface EvalOptions {
  /** Units of work (expression nodes visited, elements built, characters written / 64). Default 100,000. */
  maxSteps?: number;
}

export const defaultMaxSteps = 100_000;

/** Nested evaluation deeper than this gives up (Unknown); expressions themselves nest at most 200 deep. */
const maxEvalDepth = 500;

/**
 * Evaluates an expression statically, with Terraform's rules. Never throws; bounded work (a step
 * budget and a recursion limit); anything it cannot know, and anything Terraform would reject, is
 * unknown.
 */
export function evaluate(expr: Expr, scope: EvalScope, options: EvalOptions = {}): Value {
  return evaluateWithErrors(expr, scope, options).value;
}

/**
 * Like `evaluate`, but also says why a value is unknown when Terraform itself would have failed
 * (`error`), so that a caller can tell "known after apply" from "this expression is wrong", and how
 * many units of work it spent (`steps`).
 */
export function evaluateWithErrors(expr: Expr, scope: EvalScope, options: EvalOptions = {}): { value: Value; error?: string; steps: number } {
  const evaluator = new Evaluator(scope, options.maxSteps ?? defaultMaxSteps);
  try {
    return { value: evaluator.eval(expr, undefined), steps: evaluator.steps };
  } catch (e) {
    if (e instanceof EvaluationError) return { value: unknown, error: e.message, steps: evaluator.steps };
    // The budget ran out, the stack did, or a scope misbehaved: all mean "cannot know".
    return { value: unknown, steps: evaluator.steps };
  }
}

/** Iteration variables of enclosing for-expressions, innermost first. */
interface Env {
  name: string;
  value: Value;
  parent: Env | undefined;
}

function lookup(env: Env | undefined, name: string): Value | undefined {
  for (let e = env; e; e = e.parent) if (e.name === name) return e.value;
  return undefined;
}

function bind(env: Env | undefined, name: string | undefined, value: Value): Env | undefined {
  return name === undefined ? env : { name, value, parent: env };
}

class Evaluator implements FunctionContext {
  /** Units of work spent so far. */
  steps = 0;
  private depth = 0;

  constructor(
    private readonly scope: EvalScope,
    private readonly maxSteps: number,
  ) {}

  spend(steps: number): void {
    this.steps += Math.max(1, Math.ceil(steps));
    if (this.steps > this.maxSteps) throw new EvaluationLimitError('The evaluation ran out of its step budget');
  }

  eval(expr: Expr, env: Env | undefined): Value {
    this.spend(1);
    if (++this.depth > maxEvalDepth) {
      this.depth--;
      throw new EvaluationLimitError('The expression nests too deeply to evaluate');
    }
    try {
      return this.evalInner(expr, env);
    } finally {
      this.depth--;
    }
  }

  private evalInner(expr: Expr, env: Env | undefined): Value {
    switch (expr.kind) {
      case 'literal':
        return literal(expr.value);
      case 'template':
        return this.template(expr.parts, env);
      case 'traversal':
        return this.traversal(expr, env);
      case 'call':
        return this.call(expr, env);
      case 'tuple':
        return listValue(expr.items.map((item) => this.eval(item, env)));
      case 'object':
        return this.object(expr, env);
      case 'for':
        return this.forExpression(expr, env);
      case 'conditional':
        return this.conditional(expr, env);
      case 'unary':
        return this.unary(expr.op, this.eval(expr.operand, env));
      case 'binary':
        return this.binary(expr, env);
      case 'index':
        return indexValue(this.eval(expr.target, env), this.eval(expr.key, env));
      case 'getAttr':
        return attribute(this.eval(expr.target, env), expr.name);
      case 'splat':
        return this.splat(this.eval(expr.target, env), expr.steps, env);
      case 'unsupported':
        return expr.directive ? this.directive(expr.directive, env) : unknown;
    }
  }

  private template(parts: readonly (string | Expr)[], env: Env | undefined): Value {
    // A template that is one interpolation and nothing else yields the value itself, not a string.
    if (parts.length === 1 && typeof parts[0] !== 'string' && !(parts[0].kind === 'unsupported' && parts[0].directive)) {
      return this.eval(parts[0], env);
    }
    let known = true;
    const out: string[] = [];
    let length = 0;
    for (const part of parts) {
      const text = typeof part === 'string' ? stringValue(part) : this.interpolate(part, env);
      if (text.kind !== 'string') {
        known = false;
        continue;
      }
      out.push(text.value);
      length += text.value.length;
      this.spend(text.value.length / 64);
    }
    this.spend(length / 64);
    return known ? stringValue(out.join('')) : unknown;
  }

  /** The text one interpolation or directive contributes to a template. */
  private interpolate(part: Expr, env: Env | undefined): Value {
    const v = part.kind === 'unsupported' && part.directive ? this.directive(part.directive, env) : this.eval(part, env);
    if (v.kind === 'null') fail('The template interpolation value is null');
    if (v.kind === 'list' || v.kind === 'object') fail(`Cannot include ${typeName(v)} in a string template`);
    return toStringValue(v);
  }

  /** `%{if}` is a conditional between two templates; `%{for}` joins the strings of a tuple for-expression. */
  private directive(directive: Expr, env: Env | undefined): Value {
    const v = this.eval(directive, env);
    if (directive.kind !== 'for' || v.kind !== 'list') return v;
    if (!isKnown(v)) return unknown;
    return stringValue(v.items.map((item) => (item.kind === 'string' ? item.value : '')).join(''));
  }

  private traversal(expr: Extract<Expr, { kind: 'traversal' }>, env: Env | undefined): Value {
    const local = lookup(env, expr.root);
    if (local !== undefined) return this.applySteps(local, expr.steps, env);
    // The static prefix of the path goes to the scope; a key it cannot know ends the prefix.
    const path: (string | number)[] = [expr.root];
    const keys: Value[] = [];
    for (const step of expr.steps) {
      const key = step.kind === 'attr' ? stringValue(step.name) : this.eval(step.key, env);
      keys.push(key);
      if (key.kind === 'string' || key.kind === 'number') path.push(key.value);
      else break;
    }
    let resolved: { value: Value; consumed: number };
    try {
      resolved = this.scope.resolve(path);
    } catch {
      return unknown;
    }
    const consumed = Math.min(Math.max(1, Math.floor(resolved.consumed) || 1), path.length);
    let value = resolved.value ?? unknown;
    // Apply the rest of the path, then the steps past the static prefix, with Terraform's rules.
    for (let i = consumed - 1; i < expr.steps.length; i++) {
      if (value.kind === 'unknown') return unknown;
      const step = expr.steps[i];
      value = step.kind === 'attr' ? attribute(value, step.name) : indexValue(value, keys[i] ?? this.eval(step.key, env));
    }
    return value;
  }

  private applySteps(value: Value, steps: readonly TraversalStep[], env: Env | undefined): Value {
    let current = value;
    for (const step of steps) {
      current = step.kind === 'attr' ? attribute(current, step.name) : indexValue(current, this.eval(step.key, env));
    }
    return current;
  }

  private splat(target: Value, steps: readonly TraversalStep[], env: Env | undefined): Value {
    if (target.kind === 'unknown') return unknown;
    if (target.kind === 'null') return listValue([]);
    // A splat over a single value treats it as a one-element list.
    const items = target.kind === 'list' ? target.items : [target];
    this.spend(items.length);
    return listValue(items.map((item) => this.applySteps(item, steps, env)));
  }

  private object(expr: Extract<Expr, { kind: 'object' }>, env: Env | undefined): Value {
    const entries = new Map<string, Value>();
    let known = true;
    for (const item of expr.items) {
      const key = item.keyName !== undefined ? stringValue(item.keyName) : toStringValue(this.eval(item.key, env));
      const value = this.eval(item.value, env);
      if (key.kind === 'null') fail('An object key must not be null');
      if (key.kind !== 'string') {
        known = false;
        continue;
      }
      entries.set(key.value, value);
    }
    return known ? objectValue(entries) : unknown;
  }

  private forExpression(expr: Extract<Expr, { kind: 'for' }>, env: Env | undefined): Value {
    const collection = this.eval(expr.collection, env);
    if (collection.kind === 'unknown') return unknown;
    if (collection.kind === 'null') fail('A for expression cannot iterate over null');
    let pairs: [Value, Value][];
    if (collection.kind === 'list') pairs = collection.items.map((item, i) => [numberValue(i), item]);
    else if (collection.kind === 'object') pairs = sortedKeys(collection.entries).map((k) => [stringValue(k), collection.entries[k]]);
    else return fail(`A for expression cannot iterate over ${typeName(collection)}`);

    const items: Value[] = [];
    const groups = new Map<string, Value[]>();
    let known = true;
    for (const [key, value] of pairs) {
      this.spend(1);
      const inner = bind(bind(env, expr.keyVar, key), expr.valueVar, value);
      if (expr.condition) {
        const keep = toBool(this.eval(expr.condition, inner));
        if (keep.kind === 'unknown') {
          known = false;
          continue;
        }
        if (keep.kind === 'null') fail('The condition of a for expression must not be null');
        if (keep.kind === 'bool' && !keep.value) continue;
      }
      if (!expr.isObject) {
        items.push(this.eval(expr.valueExpr, inner));
        continue;
      }
      const k = toStringValue(expr.keyExpr ? this.eval(expr.keyExpr, inner) : unknown);
      const v = this.eval(expr.valueExpr, inner);
      if (k.kind === 'null') fail('A key in a for expression must not be null');
      if (k.kind !== 'string') {
        known = false;
        continue;
      }
      const group = groups.get(k.value);
      if (group && !expr.grouping) fail(`Two elements of a for expression have the key "${k.value}"; add "..." after the value to group them`);
      if (group) group.push(v);
      else groups.set(k.value, [v]);
    }
    if (!known) return unknown;
    if (!expr.isObject) return listValue(items);
    const entries = new Map<string, Value>();
    for (const [k, vs] of groups) entries.set(k, expr.grouping ? listValue(vs) : vs[0]);
    return objectValue(entries);
  }

  private conditional(expr: Extract<Expr, { kind: 'conditional' }>, env: Env | undefined): Value {
    const condition = toBool(this.eval(expr.condition, env));
    if (condition.kind === 'null') fail('The condition of a conditional expression must not be null');
    if (condition.kind !== 'bool') {
      const a = this.eval(expr.then, env);
      const b = this.eval(expr.else, env);
      return isKnown(a) && valuesEqual(a, b) ? a : unknown;
    }
    const chosen = this.eval(condition.value ? expr.then : expr.else, env);
    const other = this.eval(condition.value ? expr.else : expr.then, env);
    // Terraform gives both results one type: a number or bool next to a string becomes a string.
    if (other.kind === 'string' && (chosen.kind === 'number' || chosen.kind === 'bool')) return toStringValue(chosen);
    return chosen;
  }

  private unary(op: '!' | '-', operand: Value): Value {
    if (op === '-') {
      const n = toNumber(operand);
      if (n.kind === 'null') fail('The operand of "-" must not be null');
      return n.kind === 'number' ? numberValue(-n.value) : unknown;
    }
    const b = toBool(operand);
    if (b.kind === 'null') fail('The operand of "!" must not be null');
    return b.kind === 'bool' ? boolValue(!b.value) : unknown;
  }

  private binary(expr: Extract<Expr, { kind: 'binary' }>, env: Env | undefined): Value {
    const { op } = expr;
    if (op === '&&' || op === '||') {
      const left = logical(this.eval(expr.left, env), op);
      // Terraform short-circuits on a known left operand only.
      if (left.kind === 'bool' && left.value === (op === '||')) return left;
      const right = logical(this.eval(expr.right, env), op);
      return left.kind === 'bool' && right.kind === 'bool' ? right : unknown;
    }
    const left = this.eval(expr.left, env);
    const right = this.eval(expr.right, env);
    if (op === '==' || op === '!=') {
      const equal = equality(left, right);
      return equal.kind === 'bool' && op === '!=' ? boolValue(!equal.value) : equal;
    }
    const a = toNumber(left);
    const b = toNumber(right);
    if (a.kind === 'null' || b.kind === 'null') fail(`The operands of "${op}" must not be null`);
    if (a.kind !== 'number' || b.kind !== 'number') return unknown;
    const x = a.value;
    const y = b.value;
    switch (op) {
      case '<':
        return boolValue(x < y);
      case '<=':
        return boolValue(x <= y);
      case '>':
        return boolValue(x > y);
      case '>=':
        return boolValue(x >= y);
      case '+':
        return finite(x + y);
      case '-':
        return finite(x - y);
      case '*':
        return finite(x * y);
      case '/':
        if (y === 0) fail('Division by zero');
        return finite(x / y);
      case '%':
        if (y === 0) fail('Modulo by zero');
        return finite(x % y);
    }
  }

  private call(expr: Extract<Expr, { kind: 'call' }>, env: Env | undefined): Value {
    if (expr.name === 'try') return this.tryFunction(expr.args, env);
    if (expr.name === 'can') return this.canFunction(expr.args, env);
    let args = expr.args.map((arg) => this.eval(arg, env));
    if (expr.expandFinal) {
      const last = args[args.length - 1];
      if (last === undefined) fail(`The "..." after the arguments of ${expr.name} needs a list argument`);
      if (last.kind === 'unknown') return unknown;
      if (last.kind !== 'list') fail(`The final argument of ${expr.name} is expanded with "...", so it must be a list, not ${typeName(last)}`);
      args = [...args.slice(0, -1), ...last.items];
    }
    return callFunction(expr.name, args, this);
  }

  /** try(): the first argument that evaluates without error; unknown if that one is not yet known. */
  private tryFunction(args: readonly Expr[], env: Env | undefined): Value {
    if (args.length === 0) fail('try needs at least one argument');
    for (const arg of args) {
      let v: Value;
      try {
        v = this.eval(arg, env);
      } catch (e) {
        if (e instanceof EvaluationError) continue;
        throw e;
      }
      // Terraform cannot tell yet whether an unknown value would fail later, so neither can we.
      return isKnown(v) ? v : unknown;
    }
    return fail('No expression in the call to try succeeded');
  }

  /** can(): whether the argument evaluates without error; unknown if it is not yet known. */
  private canFunction(args: readonly Expr[], env: Env | undefined): Value {
    if (args.length !== 1) fail('can takes exactly one argument');
    try {
      return isKnown(this.eval(args[0], env)) ? boolValue(true) : unknown;
    } catch (e) {
      if (e instanceof EvaluationError) return boolValue(false);
      throw e;
    }
  }
}

function literal(value: string | number | boolean | null): Value {
  if (value === null) return nullValue;
  if (typeof value === 'string') return stringValue(value);
  if (typeof value === 'number') return numberValue(value);
  return boolValue(value);
}

function finite(n: number): Value {
  if (!Number.isFinite(n)) fail('The result of the arithmetic is too large to represent');
  return numberValue(n);
}

function logical(v: Value, op: string): Value {
  const b = toBool(v);
  if (b.kind === 'null') fail(`The operands of "${op}" must not be null`);
  return b;
}

/** Terraform's `==`: no type conversion; a null check is known even on a partly unknown value. */
function equality(a: Value, b: Value): Value {
  if (a.kind === 'null' || b.kind === 'null') {
    if (a.kind === 'unknown' || b.kind === 'unknown') return unknown;
    return boolValue(a.kind === b.kind);
  }
  if (!isKnown(a) || !isKnown(b)) return unknown;
  return boolValue(valuesEqual(a, b));
}

/** `x.name`. A name missing from a known object is Unknown: the scope may know only part of it. */
function attribute(target: Value, name: string): Value {
  switch (target.kind) {
    case 'unknown':
      return unknown;
    case 'object':
      return getStep(target, name) ?? unknown;
    case 'null':
      return fail(`Cannot read attribute "${name}" of a null value`);
    default:
      return fail(`Cannot read attribute "${name}" of ${typeName(target)}`);
  }
}

/** `x[key]` with Terraform's key conversions. */
function indexValue(target: Value, key: Value): Value {
  if (key.kind === 'null') fail('An index key must not be null');
  if (target.kind === 'unknown' || key.kind === 'unknown') return unknown;
  if (target.kind === 'null') fail('Cannot index a null value');
  if (target.kind === 'list') {
    const n = toNumber(key);
    if (n.kind !== 'number' || !Number.isInteger(n.value)) fail(`A list index must be a whole number, not ${describeKey(key)}`);
    if (n.value < 0 || n.value >= target.items.length) fail(`The index ${formatNumber(n.value)} is out of range for a list of ${target.items.length} elements`);
    return target.items[n.value];
  }
  if (target.kind === 'object') {
    const k = toStringValue(key);
    if (k.kind !== 'string') fail(`An object key must be a string, not ${typeName(key)}`);
    return getStep(target, k.value) ?? unknown;
  }
  return fail(`Cannot index ${typeName(target)}`);
}

function describeKey(key: Value): string {
  return key.kind === 'string' ? JSON.stringify(key.value) : key.kind === 'number' ? formatNumber(key.value) : typeName(key);
}
