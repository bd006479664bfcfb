import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import type { TextRange } from '../../../server/protocol/findings';
import { exprFromNode, referencesIn, type Expr } from '../../../server/terraform/expressions';
import { HclParser } from '../../../server/terraform/hclParser';

let parser: HclParser;

before(async () => {
  parser = await HclParser.create('terraform');
});

after(() => parser.delete());

/** Parses `x = <text>` and converts the attribute's expression; the tree is freed before returning. */
function expr(text: string): Expr {
  const tree = parser.parse(`x = ${text}\n`);
  try {
    // The first expression (or error) after `x = `, wherever a broken input left it in the tree.
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

/** The model without ranges, for comparing shapes. */
function shape(e: unknown): unknown {
  return JSON.parse(JSON.stringify(e, (k, v: unknown) => (k === 'range' || k === 'rootRange' || k === 'nameRange' || k === 'keyRange' ? undefined : v)));
}

function range(line: number, start: number, endLine: number, end: number): TextRange {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** The text a range covers in `x = <text>` (single-line cases). */
function covered(text: string, r: TextRange): string {
  const lines = `x = ${text}`.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

describe('expression conversion', () => {
  it('converts literals: numbers, bools, null and strings with escapes', () => {
    assert.deepEqual(shape(expr('42')), { kind: 'literal', value: 42 });
    assert.deepEqual(shape(expr('1.5e3')), { kind: 'literal', value: 1500 });
    assert.deepEqual(shape(expr('true')), { kind: 'literal', value: true });
    assert.deepEqual(shape(expr('null')), { kind: 'literal', value: null });
    assert.deepEqual(shape(expr('"a\\nb\\t\\"q\\" \\u00e9 $${x} %%{y}"')), { kind: 'literal', value: 'a\nb\t"q" é ${x} %{y}' });
  });

  it('converts traversals with attribute, index and legacy index steps', () => {
    const e = expr('aws_vpc.main[0].cidr_block');
    assert.equal(e.kind, 'traversal');
    assert.deepEqual(shape(e), {
      kind: 'traversal',
      root: 'aws_vpc',
      steps: [
        { kind: 'attr', name: 'main' },
        { kind: 'index', key: { kind: 'literal', value: 0 } },
        { kind: 'attr', name: 'cidr_block' },
      ],
    });
    if (e.kind !== 'traversal') return;
    assert.deepEqual(e.rootRange, range(0, 4, 0, 11));
    assert.deepEqual(e.steps[0].range, range(0, 12, 0, 16), 'an attribute step covers its name');
    assert.deepEqual(e.steps[1].range, range(0, 16, 0, 19), 'an index step covers its brackets');
    assert.deepEqual(shape(expr('var.list.0.name')), {
      kind: 'traversal',
      root: 'var',
      steps: [
        { kind: 'attr', name: 'list' },
        { kind: 'index', key: { kind: 'literal', value: 0 } },
        { kind: 'attr', name: 'name' },
      ],
    });
  });

  it('converts calls, with expansion of the final argument and provider functions', () => {
    const e = expr('cidrsubnets(var.cidr, local.bits...)');
    assert.equal(e.kind, 'call');
    if (e.kind !== 'call') return;
    assert.equal(e.name, 'cidrsubnets');
    assert.equal(e.expandFinal, true);
    assert.equal(e.args.length, 2);
    assert.deepEqual(e.nameRange, range(0, 4, 0, 15));
    assert.deepEqual(shape(expr('provider::aws::arn_parse("x")')), {
      kind: 'call',
      name: 'provider::aws::arn_parse',
      args: [{ kind: 'literal', value: 'x' }],
      expandFinal: false,
    });
  });

  it('converts tuples and objects, naming keys that are identifiers or literal strings', () => {
    assert.deepEqual(shape(expr('[1, "a"]')), { kind: 'tuple', items: [{ kind: 'literal', value: 1 }, { kind: 'literal', value: 'a' }] });
    const e = expr('{ Name = "x", "kebab-key" = 2, (var.k) = 3, other: 4 }');
    assert.equal(e.kind, 'object');
    if (e.kind !== 'object') return;
    assert.deepEqual(e.items.map((i) => i.keyName), ['Name', 'kebab-key', undefined, 'other']);
    assert.deepEqual(shape(e.items[0].key), { kind: 'literal', value: 'Name' }, 'a bare key is a name, not a reference');
    assert.equal(e.items[2].key.kind, 'traversal', 'a parenthesised key is an expression');
    assert.equal(covered('{ Name = "x", "kebab-key" = 2, (var.k) = 3, other: 4 }', e.items[1].keyRange), '"kebab-key"');
  });

  it('converts tuple and object for-expressions with conditions and grouping', () => {
    assert.deepEqual(shape(expr('[for k, v in var.m : v if k != "x"]')), {
      kind: 'for',
      keyVar: 'k',
      valueVar: 'v',
      collection: { kind: 'traversal', root: 'var', steps: [{ kind: 'attr', name: 'm' }] },
      valueExpr: { kind: 'traversal', root: 'v', steps: [] },
      condition: { kind: 'binary', op: '!=', left: { kind: 'traversal', root: 'k', steps: [] }, right: { kind: 'literal', value: 'x' } },
      grouping: false,
      isObject: false,
    });
    const e = expr('{for s in var.l : s.k => s...}');
    assert.equal(e.kind, 'for');
    if (e.kind !== 'for') return;
    assert.equal(e.isObject, true);
    assert.equal(e.grouping, true);
    assert.equal(e.keyVar, undefined);
    assert.deepEqual(shape(e.keyExpr), { kind: 'traversal', root: 's', steps: [{ kind: 'attr', name: 'k' }] });
  });

  it('converts operators with precedence, unary operators and conditionals', () => {
    assert.deepEqual(shape(expr('1 + 2 * 3 >= 4 && !x || false')), {
      kind: 'binary',
      op: '||',
      left: {
        kind: 'binary',
        op: '&&',
        left: {
          kind: 'binary',
          op: '>=',
          left: { kind: 'binary', op: '+', left: { kind: 'literal', value: 1 }, right: { kind: 'binary', op: '*', left: { kind: 'literal', value: 2 }, right: { kind: 'literal', value: 3 } } },
          right: { kind: 'literal', value: 4 },
        },
        right: { kind: 'unary', op: '!', operand: { kind: 'traversal', root: 'x', steps: [] } },
      },
      right: { kind: 'literal', value: false },
    });
    assert.deepEqual(shape(expr('a.b[0] - -c.d')), {
      kind: 'binary',
      op: '-',
      left: { kind: 'traversal', root: 'a', steps: [{ kind: 'attr', name: 'b' }, { kind: 'index', key: { kind: 'literal', value: 0 } }] },
      right: { kind: 'unary', op: '-', operand: { kind: 'traversal', root: 'c', steps: [{ kind: 'attr', name: 'd' }] } },
    });
    assert.deepEqual(shape(expr('x == null ? 1 : 2')), {
      kind: 'conditional',
      condition: { kind: 'binary', op: '==', left: { kind: 'traversal', root: 'x', steps: [] }, right: { kind: 'literal', value: null } },
      then: { kind: 'literal', value: 1 },
      else: { kind: 'literal', value: 2 },
    });
  });

  it('applies index and attribute steps to calls and parenthesised expressions', () => {
    assert.deepEqual(shape(expr('foo()[0].z')), {
      kind: 'getAttr',
      target: { kind: 'index', target: { kind: 'call', name: 'foo', args: [], expandFinal: false }, key: { kind: 'literal', value: 0 } },
      name: 'z',
    });
    assert.deepEqual(shape(expr('(var.a).b')), {
      kind: 'getAttr',
      target: { kind: 'traversal', root: 'var', steps: [{ kind: 'attr', name: 'a' }] },
      name: 'b',
    });
  });

  it('converts full and attribute splats, and steps after them', () => {
    const full = { kind: 'splat', target: { kind: 'traversal', root: 'aws_subnet', steps: [{ kind: 'attr', name: 'private' }] }, steps: [{ kind: 'attr', name: 'id' }] };
    assert.deepEqual(shape(expr('aws_subnet.private[*].id')), full);
    assert.deepEqual(shape(expr('aws_subnet.private.*.id')), full);
    assert.deepEqual(shape(expr('tolist(x)[*]')), { kind: 'splat', target: { kind: 'call', name: 'tolist', args: [{ kind: 'traversal', root: 'x', steps: [] }], expandFinal: false }, steps: [] });
  });

  it('converts quoted templates, keeping the whitespace the grammar leaves out', () => {
    assert.deepEqual(shape(expr('"  a ${var.x}  b  "')), {
      kind: 'template',
      parts: ['  a ', { kind: 'traversal', root: 'var', steps: [{ kind: 'attr', name: 'x' }] }, '  b  '],
    });
    assert.deepEqual(shape(expr('"${~ a ~}  x  ${b ~} y"')), {
      kind: 'template',
      parts: [{ kind: 'traversal', root: 'a', steps: [] }, 'x  ', { kind: 'traversal', root: 'b', steps: [] }, 'y'],
    });
  });

  it('converts nested templates', () => {
    assert.deepEqual(shape(expr('"a${"b${c}"}"')), {
      kind: 'template',
      parts: ['a', { kind: 'template', parts: ['b', { kind: 'traversal', root: 'c', steps: [] }] }],
    });
  });

  it('converts heredocs as written with <<', () => {
    const e = expr('<<EOT\n  line1\n    ${a} and ${b}\nEOT');
    assert.deepEqual(shape(e), {
      kind: 'template',
      parts: ['  line1\n    ', { kind: 'traversal', root: 'a', steps: [] }, ' and ', { kind: 'traversal', root: 'b', steps: [] }, '\n'],
      heredoc: { marker: 'EOT', stripIndent: false },
    });
  });

  it('strips the common indentation of <<- heredocs, ignoring blank lines', () => {
    const e = expr('<<-EOT\n    hello ${var.x}\n\n      world\n    EOT');
    assert.deepEqual(shape(e), {
      kind: 'template',
      parts: ['hello ', { kind: 'traversal', root: 'var', steps: [{ kind: 'attr', name: 'x' }] }, '\n\n  world\n'],
      heredoc: { marker: 'EOT', stripIndent: true },
    });
    // A line that starts with an interpolation has no indentation, so nothing is stripped.
    assert.deepEqual(shape(expr('<<-EOT\n    a\n${b}\n  EOT')), {
      kind: 'template',
      parts: ['    a\n', { kind: 'traversal', root: 'b', steps: [] }, '\n'],
      heredoc: { marker: 'EOT', stripIndent: true },
    });
  });

  it('keeps heredoc text literally: no backslash escapes, but $${ and %%{', () => {
    assert.deepEqual(shape(expr('<<EOT\na\\nb $${x}\nEOT')), { kind: 'template', parts: ['a\\nb ${x}\n'], heredoc: { marker: 'EOT', stripIndent: false } });
  });

  it('models template directives as unsupported parts carrying the expression they stand for', () => {
    const e = expr('"%{ if x }yes%{ else }no%{ endif }"');
    assert.equal(e.kind, 'template');
    if (e.kind !== 'template') return;
    const part = e.parts[0];
    assert.ok(typeof part !== 'string' && part.kind === 'unsupported');
    assert.equal(part.text, '%{ if x }yes%{ else }no%{ endif }');
    assert.deepEqual(shape(part.directive), {
      kind: 'conditional',
      condition: { kind: 'traversal', root: 'x', steps: [] },
      then: { kind: 'template', parts: ['yes'] },
      else: { kind: 'template', parts: ['no'] },
    });
    const loop = expr('"%{for i in l}<${i}>%{endfor}"');
    assert.ok(loop.kind === 'template' && typeof loop.parts[0] !== 'string' && loop.parts[0].kind === 'unsupported');
    assert.equal((loop.parts[0] as { directive?: Expr }).directive?.kind, 'for');
  });

  it('turns broken input into unsupported without throwing', () => {
    const hasUnsupported = (x: unknown): boolean =>
      !!x && typeof x === 'object' && ((x as { kind?: string }).kind === 'unsupported' || Object.values(x).some(hasUnsupported));
    for (const text of ['foo(1,', '[1, 2,', '{a = }', 'x.', 'a +', 'x ?', '"${"', '[for x in : x]', '1 +* 2', ')', '"%{ if x }a"', '<<EOT\nno end']) {
      // Every expression and error node of a broken file converts without throwing.
      const tree = parser.parse(`x = ${text}\n`);
      const results: Expr[] = [];
      const visit = (n: Node): void => {
        if (n.type === 'expression' || n.isError) results.push(exprFromNode(n));
        for (const c of n.children) if (c) visit(c);
      };
      visit(tree.rootNode);
      tree.delete();
      assert.ok(results.some(hasUnsupported), `${text} should give an unsupported part somewhere, got ${JSON.stringify(results.map(shape))}`);
    }
    assert.deepEqual(shape(expr('a +')), { kind: 'binary', op: '+', left: { kind: 'traversal', root: 'a', steps: [] }, right: { kind: 'unsupported', text: '' } });
    assert.equal(expr('x.').kind, 'unsupported');
    assert.equal(expr('{a = }').kind, 'unsupported');
  });

  it('bounds nesting: past 200 levels the inner expression is unsupported', () => {
    const deep = '['.repeat(300) + ']'.repeat(300);
    let e = expr(deep);
    let depth = 0;
    while (e.kind === 'tuple' && e.items.length === 1) {
      e = e.items[0];
      depth++;
    }
    assert.equal(e.kind, 'unsupported');
    assert.ok(depth > 20 && depth < 300, `stopped at depth ${depth}`);
    assert.equal(expr('('.repeat(500) + '1' + ')'.repeat(500)).kind, 'unsupported');
  });

  it('reports UTF-16 ranges after non-ASCII text', () => {
    const text = '"é😀${var.x}" == local.ü';
    const e = expr(text);
    const refs = referencesIn(e);
    assert.deepEqual(refs.map((r) => covered(text, r.range)), ['var.x', 'local.ü']);
    assert.deepEqual(refs[0].range, range(0, 10, 0, 15), 'é is one UTF-16 unit and 😀 two');
  });

  it('keeps its ranges after the syntax tree is freed', () => {
    const e = expr('aws_vpc.main.id');
    assert.deepEqual(e.range, range(0, 4, 0, 19));
  });
});

describe('references in expressions', () => {
  it('lists leading names with literal keys, with exact ranges', () => {
    const text = 'aws_instance.web[0].private_ip';
    const [ref] = referencesIn(expr(text));
    assert.equal(ref.root, 'aws_instance');
    assert.deepEqual(ref.names, ['web', 0, 'private_ip']);
    assert.equal(covered(text, ref.range), text);
    assert.equal(covered(text, ref.rootRange), 'aws_instance');
    assert.deepEqual(ref.nameRanges.map((r) => covered(text, r)), ['web', '0', 'private_ip']);
  });

  it('stops the names at the first non-literal key and finds references inside the key', () => {
    const text = 'aws_subnet.private[var.az].id';
    const refs = referencesIn(expr(text));
    assert.deepEqual(refs.map((r) => [r.root, ...r.names]), [['aws_subnet', 'private'], ['var', 'az']]);
    assert.equal(covered(text, refs[0].range), 'aws_subnet.private');
    assert.deepEqual(referencesIn(expr('local.m["key"].x'))[0].names, ['m', 'key', 'x']);
  });

  it('finds references in templates, calls, collections, conditionals and operators, in source order', () => {
    const refs = referencesIn(expr('cond ? "${var.a}-${local.b}" : merge({k = module.m.out}, [data.aws_ami.u.id][0]) == each.value + count.index'));
    assert.deepEqual(
      refs.map((r) => [r.root, ...r.names].join('.')),
      ['cond', 'var.a', 'local.b', 'module.m.out', 'data.aws_ami.u.id', 'each.value', 'count.index'],
    );
  });

  it('excludes a for-expression own variables inside its body, but not outside', () => {
    const refs = referencesIn(expr('{ for k, v in var.m : k => [v, var.x, [for v2 in v : v2 if k != path.module]] if v != null }'));
    assert.deepEqual(refs.map((r) => [r.root, ...r.names].join('.')), ['var.m', 'var.x', 'path.module']);
    // The collection is outside the variables' scope.
    assert.deepEqual(referencesIn(expr('[for v in v : v]')).map((r) => r.root), ['v']);
    // An inner for-expression's variables shadow only inside it.
    assert.deepEqual(referencesIn(expr('[[for x in [] : x], x]')).map((r) => r.root), ['x']);
  });

  it('finds the target of splats and the references in their keys', () => {
    const refs = referencesIn(expr('aws_subnet.private[*].tags[var.k]'));
    assert.deepEqual(refs.map((r) => [r.root, ...r.names]), [['aws_subnet', 'private'], ['var', 'k']]);
  });

  it('finds references inside heredocs with exact ranges', () => {
    const text = '<<-EOT\n    #!/bin/bash\n    echo ${var.name} > ${local.out[0]}\n    EOT';
    const refs = referencesIn(expr(text));
    assert.deepEqual(refs.map((r) => [r.root, ...r.names]), [['var', 'name'], ['local', 'out', 0]]);
    assert.deepEqual(refs[0].range, range(2, 11, 2, 19));
    assert.deepEqual(refs[1].range, range(2, 25, 2, 37));
    assert.equal(covered(text, refs[1].range), 'local.out[0]');
  });

  it('finds references inside template directives, minus the directive variables', () => {
    const refs = referencesIn(expr('"%{ for s in var.subnets }${s.id}${local.sep}%{ endfor }%{ if var.on }x%{ endif }"'));
    assert.deepEqual(refs.map((r) => [r.root, ...r.names].join('.')), ['var.subnets', 'local.sep', 'var.on']);
  });
});
