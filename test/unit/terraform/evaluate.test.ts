import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { evaluate, evaluateWithErrors, type EvalScope } from '../../../server/terraform/evaluate';
import { exprFromNode, type Expr } from '../../../server/terraform/expressions';
import { HclParser } from '../../../server/terraform/hclParser';
import { display, fromJson, getPath, isKnown, toJson, unknown, type Value } from '../../../server/terraform/values';

let parser: HclParser;

before(async () => {
  parser = await HclParser.create('terraform');
});

after(() => parser.delete());

function expr(text: string): Expr {
  const tree = parser.parse(`x = ${text}\n`);
  try {
    const find = (n: Node): Node | undefined => {
      if (n.startIndex >= 4 && (n.type === 'expression' || n.isError)) return n;
      for (const c of n.children) {
        const found = c ? find(c) : undefined;
        if (found) return found;
      }
      return undefined;
    };
    const node = find(tree.rootNode);
    assert.ok(node, `no expression in ${text}`);
    return exprFromNode(node);
  } finally {
    tree.delete();
  }
}

/** A scope that knows `var.*` and `local.*` from plain JSON, and nothing else. */
function scopeOf(vars: Record<string, unknown> = {}, locals: Record<string, unknown> = {}): EvalScope & { calls: (string | number)[][] } {
  const calls: (string | number)[][] = [];
  return {
    calls,
    resolve(path) {
      calls.push([...path]);
      const [root, name] = path;
      const table = root === 'var' ? vars : root === 'local' ? locals : undefined;
      if (table && typeof name === 'string' && name in table) {
        const raw = table[name];
        return { value: raw === unknownMarker ? unknown : fromJson(raw), consumed: 2 };
      }
      return { value: unknown, consumed: path.length };
    },
  };
}

const unknownMarker = Symbol('unknown');

const defaultScope = scopeOf(
  { cidr: '10.20.0.0/16', list: ['a', 'b', 'c'], m: { x: 1, y: 2, z: 3 }, n: 5, s: '5', t: true, nul: null, unk: unknownMarker, objs: [{ id: 'i-1', az: 'a' }, { id: 'i-2', az: 'b' }] },
  { name: 'web', tags: { Name: 'web', Env: 'prod' } },
);

function ev(text: string, scope: EvalScope = defaultScope): Value {
  return evaluate(expr(text), scope);
}

/** The value as JSON, or the string 'unknown'. */
function js(text: string, scope: EvalScope = defaultScope): unknown {
  const v = ev(text, scope);
  return isKnown(v) ? toJson(v) : 'unknown';
}

describe('static evaluation', () => {
  describe('literals and templates', () => {
    it('evaluates literals', () => {
      assert.equal(js('42'), 42);
      assert.equal(js('"a"'), 'a');
      assert.equal(js('true'), true);
      assert.equal(js('null'), null);
    });

    it('renders numbers and bools in templates as Terraform does', () => {
      assert.equal(js('"n=${var.n} t=${var.t} f=${1.5} big=${1.0e21} sum=${0.1 + 0.2}"'), 'n=5 t=true f=1.5 big=1000000000000000000000 sum=0.3');
    });

    it('yields the value itself for a template that is one interpolation', () => {
      assert.deepEqual(js('"${var.list}"'), ['a', 'b', 'c']);
      assert.equal(js('"${var.n}"'), 5);
    });

    it('makes a template unknown when any part is unknown or null', () => {
      assert.equal(js('"a-${var.unk}"'), 'unknown');
      assert.equal(js('"a-${var.nul}"'), 'unknown');
      assert.match(evaluateWithErrors(expr('"a-${var.nul}"'), defaultScope).error ?? '', /null/);
      assert.equal(js('"a-${var.list}"'), 'unknown', 'a list cannot go into a string');
    });

    it('evaluates heredocs with and without indentation stripping', () => {
      assert.equal(js('<<EOT\n  hello ${local.name}\n    there\nEOT'), '  hello web\n    there\n');
      assert.equal(js('<<-EOT\n    hello ${local.name}\n      there\n    EOT'), 'hello web\n  there\n');
    });

    it('evaluates %{if} and %{for} directives', () => {
      assert.equal(js('"%{ if var.t }on%{ else }off%{ endif }"'), 'on');
      assert.equal(js('"%{ for i, s in var.list }${i}:${s} %{ endfor }"'), '0:a 1:b 2:c ');
      assert.equal(js('<<-EOT\n  %{~ for s in var.list ~}\n  - ${s}\n  %{~ endfor ~}\n  EOT'), '- a- b- c');
      assert.equal(js('"%{ if var.unk }on%{ endif }"'), 'unknown');
    });
  });

  describe('references', () => {
    it('asks the scope for the path and applies the rest of it', () => {
      const scope = scopeOf({ m: { inner: { deep: ['x', 'y'] } } });
      assert.equal(js('var.m.inner.deep[1]', scope), 'y');
      assert.deepEqual(scope.calls, [['var', 'm', 'inner', 'deep', 1]]);
      assert.equal(js('var.m["inner"].deep.0', scope), 'x');
    });

    it('passes keys it can evaluate into the path and stops at keys it cannot', () => {
      const scope = scopeOf({ m: { a: 1 }, k: 'a' });
      assert.equal(js('var.m[var.k]', scope), 1);
      assert.deepEqual(scope.calls.at(-1), ['var', 'm', 'a']);
      assert.equal(js('var.m[var.missing]', scope), 'unknown');
      assert.deepEqual(scope.calls.at(-1), ['var', 'm']);
    });

    it('lets a scope resolve the whole path itself', () => {
      const scope: EvalScope = { resolve: (path) => ({ value: fromJson(path.join('/')), consumed: path.length }) };
      assert.equal(js('aws_vpc.main.cidr_block', scope), 'aws_vpc/main/cidr_block');
      assert.equal(js('each.value', scope), 'each/value');
    });

    it('treats what the scope does not know as unknown, and a missing attribute as unknown', () => {
      assert.equal(js('aws_vpc.main.id'), 'unknown');
      assert.equal(js('local.tags.Owner'), 'unknown');
      assert.equal(js('local.tags.Name'), 'web');
    });

    it('survives a scope that throws or answers nonsense', () => {
      const throwing: EvalScope = {
        resolve: () => {
          throw new Error('index not ready');
        },
      };
      assert.equal(js('var.x', throwing), 'unknown');
      const nonsense: EvalScope = { resolve: () => ({ value: fromJson({ a: 1 }), consumed: 99 }) };
      assert.deepEqual(js('var.x', nonsense), { a: 1 });
    });

    it('rejects impossible access: attribute of a list or null, index out of range', () => {
      for (const text of ['var.list.name', 'var.nul.x', 'var.list[3]', 'var.list[-1]', 'var.list["x"]', 'var.n[0]']) {
        const r = evaluateWithErrors(expr(text), defaultScope);
        assert.equal(r.value.kind, 'unknown', text);
        assert.ok(r.error, `${text} should be an error`);
      }
      assert.equal(js('var.list["1"]'), 'b', 'a string index converts to a number');
    });
  });

  describe('operators', () => {
    it('does arithmetic with Terraform conversions', () => {
      assert.equal(js('"5" + 1'), 6);
      assert.equal(js('var.s * 2'), 10);
      assert.equal(js('7 / 2'), 3.5);
      assert.equal(js('7 % 3'), 1);
      assert.equal(js('-7 % 3'), -1);
      assert.equal(js('10 - 2 - 3'), 5);
      assert.equal(js('-var.n'), -5);
      assert.equal(js('1 / 0'), 'unknown');
      assert.equal(js('"a" + 1'), 'unknown');
      assert.equal(js('true + 1'), 'unknown');
      assert.equal(js('null + 1'), 'unknown');
      assert.equal(js('var.unk + 1'), 'unknown');
    });

    it('compares numbers after conversion and values without conversion', () => {
      assert.equal(js('"10" > 9'), true);
      assert.equal(js('2 <= 2'), true);
      assert.equal(js('1 == 1.0'), true);
      assert.equal(js('1 == "1"'), false);
      assert.equal(js('[1, "a"] == [1, "a"]'), true);
      assert.equal(js('{a = 1} != {a = 1}'), false);
      assert.equal(js('var.nul == null'), true);
      assert.equal(js('var.m == null'), false);
      assert.equal(js('var.unk == null'), 'unknown');
      assert.equal(js('var.unk == 1'), 'unknown');
    });

    it('evaluates && and || and short-circuits only on a known left operand', () => {
      assert.equal(js('true && "false"'), false);
      assert.equal(js('false && var.unk'), false);
      assert.equal(js('true || var.unk'), true);
      assert.equal(js('var.unk || true'), 'unknown');
      assert.equal(js('true && var.unk'), 'unknown');
      assert.equal(js('!var.t'), false);
      assert.equal(js('!"true"'), false);
      assert.equal(js('1 && true'), 'unknown');
    });
  });

  describe('conditionals', () => {
    it('chooses a branch, converting to the type both branches share', () => {
      assert.equal(js('var.n > 3 ? "big" : "small"'), 'big');
      assert.equal(js('"false" ? 1 : 2'), 2);
      assert.equal(js('true ? 1 : "x"'), '1');
    });

    it('is unknown on an unknown condition unless both branches agree', () => {
      assert.equal(js('var.unk ? 1 : 2'), 'unknown');
      assert.equal(js('var.unk ? "same" : "same"'), 'same');
      assert.equal(js('null ? 1 : 2'), 'unknown');
    });
  });

  describe('collections', () => {
    it('builds tuples and objects, with keys from expressions', () => {
      assert.deepEqual(js('[1, var.n, "x"]'), [1, 5, 'x']);
      assert.deepEqual(js('{ Name = local.name, (local.name) = 1, "k-2" = true }'), { Name: 'web', web: 1, 'k-2': true });
      assert.equal(js('{ (var.unk) = 1 }'), 'unknown');
    });

    it('indexes and reads attributes of computed values', () => {
      assert.equal(js('[10, 20][1]'), 20);
      assert.equal(js('{a = {b = 3}}.a.b'), 3);
      assert.equal(js('{a = 1}["a"]'), 1);
      assert.equal(js('(var.m).y'), 2);
    });

    it('splats over lists, single values and null', () => {
      assert.deepEqual(js('var.objs[*].id'), ['i-1', 'i-2']);
      assert.deepEqual(js('var.objs.*.az'), ['a', 'b']);
      assert.deepEqual(js('var.m[*].x'), [1]);
      assert.deepEqual(js('var.nul[*].x'), []);
      assert.equal(js('var.unk[*].id'), 'unknown');
      assert.equal(js('var.objs[*].id[0]'), 'unknown', 'indexing a string is an error');
    });
  });

  describe('for expressions', () => {
    it('iterates lists with index and value, filtering with if', () => {
      assert.deepEqual(js('[for s in var.list : upper(s)]'), ['A', 'B', 'C']);
      assert.deepEqual(js('[for i, s in var.list : "${i}${s}" if i != 1]'), ['0a', '2c']);
    });

    it('iterates objects in key order', () => {
      assert.deepEqual(js('[for k, v in {b = 2, a = 1, "10" = 0, "9" = 3} : k]'), ['10', '9', 'a', 'b']);
      assert.deepEqual(js('{for k, v in var.m : v => k if v > 1}'), { 2: 'y', 3: 'z' });
    });

    it('groups values with ... and rejects duplicate keys without it', () => {
      assert.deepEqual(js('{for o in [{k = "a", v = 1}, {k = "b", v = 2}, {k = "a", v = 3}] : o.k => o.v...}'), { a: [1, 3], b: [2] });
      const r = evaluateWithErrors(expr('{for s in ["a", "a"] : s => s}'), defaultScope);
      assert.equal(r.value.kind, 'unknown');
      assert.match(r.error ?? '', /key "a"/);
    });

    it('is unknown when the collection or a condition is unknown', () => {
      assert.equal(js('[for s in var.unk : s]'), 'unknown');
      assert.equal(js('[for s in var.list : s if var.unk]'), 'unknown');
      assert.equal(js('[for s in null : s]'), 'unknown');
    });

    it('keeps iteration variables local, shadowing outer names', () => {
      assert.deepEqual(js('[for var in [1, 2] : var]'), [1, 2]);
      assert.deepEqual(js('[for x in [1, 2] : [for x in [x * 10] : x]]'), [[10], [20]]);
    });
  });

  describe('try and can', () => {
    it('returns the first argument that evaluates without error', () => {
      assert.equal(js('try(var.list[5], var.nul.x, "fallback")'), 'fallback');
      assert.equal(js('try(var.list[0], "fallback")'), 'a');
      assert.equal(js('try(var.list[5])'), 'unknown');
    });

    it('does not guess past an argument that is not yet known', () => {
      assert.equal(js('try(var.unk, "fallback")'), 'unknown');
      assert.equal(js('try(local.tags.Owner, "nobody")'), 'unknown', 'a missing attribute may exist in reality');
    });

    it('can tells whether an expression is valid', () => {
      assert.equal(js('can(var.list[5])'), false);
      assert.equal(js('can(var.list[1])'), true);
      assert.equal(js('can(var.unk.x)'), 'unknown');
      assert.equal(js('can(cidrsubnet("10.0.0.0/30", 4, 0))'), false);
    });
  });

  describe('function calls', () => {
    it('expands a final list argument with ...', () => {
      assert.equal(js('max([3, 9, 2]...)'), 9);
      assert.deepEqual(js('cidrsubnets("10.0.0.0/16", [8, 8]...)'), ['10.0.0.0/24', '10.0.1.0/24']);
      assert.equal(js('max(var.unk...)'), 'unknown');
      assert.equal(js('max(1...)'), 'unknown');
    });

    it('is unknown for functions that read files or are not deterministic, and for unknown names', () => {
      for (const text of ['file("x.txt")', 'templatefile("t.tpl", {})', 'timestamp()', 'uuid()', 'nosuchfunction(1)']) {
        const r = evaluateWithErrors(expr(text), defaultScope);
        assert.equal(r.value.kind, 'unknown', text);
        assert.equal(r.error, undefined, `${text} is not an error, only unknowable`);
      }
    });

    it('reports a wrong number of arguments as an error', () => {
      assert.match(evaluateWithErrors(expr('upper("a", "b")'), defaultScope).error ?? '', /upper takes 1 argument, not 2/);
    });
  });

  describe('limits', () => {
    it('gives unknown, not an exception, for unsupported expressions', () => {
      assert.equal(js('{a = }'), 'unknown');
      assert.equal(js('[1, {a = }]'), 'unknown');
      assert.deepEqual(ev('[1, {a = }]'), { kind: 'list', items: [{ kind: 'number', value: 1 }, unknown] });
    });

    it('stops at its step budget', () => {
      const e = expr('[for a in range(1000) : [for b in range(1000) : a * b]]');
      const r = evaluateWithErrors(e, defaultScope);
      assert.equal(r.value.kind, 'unknown');
      assert.equal(r.error, undefined, 'running out of budget is not an error in the expression');
      assert.ok(r.steps <= 100_001, `${r.steps} steps`);
      assert.equal(evaluate(expr('[for a in range(10) : a]'), defaultScope, { maxSteps: 5 }).kind, 'unknown');
      assert.equal(evaluate(expr('[for a in range(10) : a]'), defaultScope, { maxSteps: 500 }).kind, 'list');
    });

    it('stops string blow-up within the budget', () => {
      const big = expr('[for i in range(1000) : join("", [for j in range(1000) : "xxxxxxxxxxxxxxxxxxxxxxxx"])]');
      assert.equal(evaluate(big, defaultScope).kind, 'unknown');
    });

    it('evaluates deep but legal nesting', () => {
      const deep = expr('['.repeat(150) + '1' + ']'.repeat(150));
      let v = evaluate(deep, defaultScope);
      let depth = 0;
      while (v.kind === 'list') {
        v = v.items[0];
        depth++;
      }
      assert.equal(depth, 150);
      assert.deepEqual(v, { kind: 'number', value: 1 });
    });

    it('never throws and stays within budget on random garbage', () => {
      // A deterministic generator keeps the test reproducible.
      let seed = 12345;
      const rand = (n: number): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      const atoms = ['1', '"s"', 'var.list', 'var.m', 'var.unk', 'null', 'true', 'local.tags', 'x', '[]', '{}', '"${var.n}"', 'range(5)', '-2.5'];
      const forms = [
        (a: string, b: string) => `${a} + ${b}`,
        (a: string, b: string) => `${a} == ${b}`,
        (a: string, b: string) => `${a} && ${b}`,
        (a: string, b: string) => `[${a}, ${b}]`,
        (a: string, b: string) => `{k = ${a}, (${b}) = 1}`,
        (a: string) => `${a}[0]`,
        (a: string) => `${a}.x`,
        (a: string) => `${a}[*].id`,
        (a: string, b: string) => `[for i, v in ${a} : ${b} if v != null]`,
        (a: string, b: string) => `{for i, v in ${a} : "${'${i}'}" => ${b}...}`,
        (a: string, b: string) => `${a} ? ${b} : ${a}`,
        (a: string, b: string) => `"<${'${' + a + '}'}-${'${' + b + '}'}>"`,
        (a: string, b: string) => `try(${a}, ${b})`,
        (a: string) => `can(${a})`,
        (a: string, b: string) => `${['concat', 'merge', 'join', 'format', 'element', 'lookup', 'replace', 'cidrsubnet', 'flatten', 'length', 'jsonencode', 'coalesce', 'zipmap', 'slice', 'range'][rand(15)]}(${a}, ${b})`,
        (a: string) => `!${a}`,
        (a: string) => `-${a}`,
        (a: string) => `(${a}`,
        (a: string, b: string) => `${a} ${b}`,
      ];
      const gen = (depth: number): string => (depth === 0 || rand(4) === 0 ? atoms[rand(atoms.length)] : forms[rand(forms.length)](gen(depth - 1), gen(depth - 1)));
      let evaluated = 0;
      for (let i = 0; i < 300; i++) {
        const text = gen(5);
        const e = expr(text);
        const r = evaluateWithErrors(e, defaultScope, { maxSteps: 20_000 });
        assert.ok(typeof display(r.value) === 'string', text);
        // One unit of work may overshoot by what a single step charges, never by more.
        assert.ok(r.steps <= 20_000 + 1_100, `${text} used ${r.steps} steps`);
        evaluated++;
      }
      assert.equal(evaluated, 300);
    });
  });
});

describe('values', () => {
  it('converts JSON both ways, sorting object keys', () => {
    const v = fromJson({ b: [1, 'x', null, true], a: { '10': 1, '9': 2 } });
    assert.deepEqual(toJson(v), { a: { '10': 1, '9': 2 }, b: [1, 'x', null, true] });
    assert.equal(toJson(unknown), undefined);
    assert.deepEqual(toJson(fromJson([1, undefined])), [1, undefined]);
  });

  it('is known only when every part is', () => {
    assert.equal(isKnown(fromJson({ a: [1, 2] })), true);
    assert.equal(isKnown({ kind: 'list', items: [{ kind: 'number', value: 1 }, unknown] }), false);
  });

  it('reads paths, with unknown for anything missing', () => {
    const v = fromJson({ subnets: [{ cidr: '10.0.1.0/24' }] });
    assert.deepEqual(getPath(v, ['subnets', 0, 'cidr']), { kind: 'string', value: '10.0.1.0/24' });
    assert.deepEqual(getPath(v, ['subnets', '0', 'cidr']), { kind: 'string', value: '10.0.1.0/24' });
    assert.equal(getPath(v, ['subnets', 1]).kind, 'unknown');
    assert.equal(getPath(v, ['nope', 'x']).kind, 'unknown');
    assert.equal(getPath(unknown, ['a']).kind, 'unknown');
  });

  it('displays values briefly, HCL-like', () => {
    assert.equal(display(fromJson('10.20.0.0/16')), '"10.20.0.0/16"');
    assert.equal(display(fromJson(['a', 'b'])), '["a", "b"]');
    assert.equal(display(fromJson({ Name: 'x', 'kebab-case': 1, 'has space': true })), '{ Name = "x", "has space" = true, kebab-case = 1 }');
    assert.equal(display(unknown), '(known after apply)');
    assert.equal(display({ kind: 'list', items: [fromJson(1), unknown] }), '[1, (known after apply)]');
    assert.equal(display(fromJson(null)), 'null');
    const long = display(fromJson(Array.from({ length: 100 }, (_, i) => `item-${i}`)));
    assert.equal(long.length, 201);
    assert.ok(long.endsWith('…'));
  });
});
