import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { evaluateWithErrors, type EvalScope } from '../../../server/terraform/evaluate';
import { exprFromNode } from '../../../server/terraform/expressions';
import { evaluatedFunctionNames } from '../../../server/terraform/functions';
import { HclParser } from '../../../server/terraform/hclParser';
import { fromJson, isKnown, toJson, unknown } from '../../../server/terraform/values';

let parser: HclParser;

before(async () => {
  parser = await HclParser.create('terraform');
});

after(() => parser.delete());

const scope: EvalScope = {
  resolve(path) {
    const vars: Record<string, unknown> = { long: 'a'.repeat(20_000) + '!', cidr: '10.0.0.0/16' };
    if (path[0] === 'var' && typeof path[1] === 'string' && path[1] in vars) return { value: fromJson(vars[path[1]]), consumed: 2 };
    return { value: unknown, consumed: path.length };
  },
};

function run(text: string): { value: unknown; error?: string } {
  const tree = parser.parse(`x = ${text}\n`);
  try {
    const attribute = tree.rootNode.child(0)?.child(0);
    const node = attribute?.children.find((c): c is Node => c?.type === 'expression');
    assert.ok(node && !tree.rootNode.hasError, `${text} does not parse`);
    const r = evaluateWithErrors(exprFromNode(node), scope);
    return { value: isKnown(r.value) ? toJson(r.value) : r.value.kind === 'unknown' ? 'unknown' : partial(r.value), error: r.error };
  } finally {
    tree.delete();
  }
}

/** A partly known value as JSON with 'unknown' in the unknown places. */
function partial(v: ReturnType<typeof fromJson>): unknown {
  if (v.kind === 'unknown') return 'unknown';
  if (v.kind === 'list') return v.items.map(partial);
  if (v.kind === 'object') return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, partial(x)]));
  return toJson(v);
}

/** Asserts a known result. */
function eq(text: string, expected: unknown): void {
  const r = run(text);
  assert.deepEqual(r.value, expected, `${text}${r.error ? ` (error: ${r.error})` : ''}`);
}

/** Asserts that Terraform would reject the call, with a message matching `message`. */
function rejects(text: string, message?: RegExp): void {
  const r = run(text);
  assert.equal(r.value, 'unknown', `${text} gave ${JSON.stringify(r.value)}`);
  assert.ok(r.error, `${text} should be an error`);
  if (message) assert.match(r.error, message, text);
}

describe('Terraform functions', () => {
  describe('network functions', () => {
    it('cidrsubnet, exact for IPv4', () => {
      eq('cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16');
      eq('cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28');
      eq('cidrsubnet(var.cidr, 8, 255)', '10.0.255.0/24');
      eq('cidrsubnet("10.1.2.3/16", 8, 1)', '10.1.1.0/24');
      eq('cidrsubnet("0.0.0.0/0", 32, 4294967295)', '255.255.255.255/32');
      eq('cidrsubnet("10.0.0.0/8", 0, 0)', '10.0.0.0/8');
      eq('cidrsubnet("010.0.0.0/8", 8, 1)', '10.1.0.0/16');
    });

    it('cidrsubnet, exact for IPv6 beyond 53 bits', () => {
      eq('cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72');
      eq('cidrsubnet("2001:db8::/32", 32, 4294967295)', '2001:db8:ffff:ffff::/64');
      eq('cidrsubnet("2001:db8::/32", 16, 1)', '2001:db8:1::/48');
      eq('cidrsubnet("2001:DB8:0:0:1::/80", 48, 1)', '2001:db8::1:0:0:1/128');
      eq('cidrsubnet("::/0", 1, 1)', '8000::/1');
    });

    it('cidrsubnet errors: newbits too large, netnum too large, bad prefixes', () => {
      rejects('cidrsubnet("10.0.0.0/24", 9, 0)', /insufficient address space to extend prefix of 24 by 9/);
      rejects('cidrsubnet("10.0.0.0/16", 8, 256)', /does not accommodate a subnet numbered 256/);
      rejects('cidrsubnet("10.0.0.0/16", 8, -1)');
      rejects('cidrsubnet("10.0.0.0/16", 1.5, 0)');
      rejects('cidrsubnet("10.0.0.0", 8, 0)', /invalid CIDR/);
      rejects('cidrsubnet("10.0.0.256/16", 8, 0)', /invalid CIDR/);
      rejects('cidrsubnet("10.0.0.0/33", 1, 0)', /invalid CIDR/);
      rejects('cidrsubnet("2001:db8::/129", 1, 0)', /invalid CIDR/);
      rejects('cidrsubnet("2001:db8:::/32", 1, 0)', /invalid CIDR/);
      eq('cidrsubnet(var.unset, 8, 1)', 'unknown');
    });

    it('cidrhost, with negative host numbers from the end', () => {
      eq('cidrhost("10.12.112.0/20", 16)', '10.12.112.16');
      eq('cidrhost("10.12.112.0/20", 268)', '10.12.113.12');
      eq('cidrhost("10.0.0.0/24", -1)', '10.0.0.255');
      eq('cidrhost("10.0.0.0/24", -256)', '10.0.0.0');
      eq('cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', 'fd00:fd12:3456:7890::22');
      eq('cidrhost("2001:db8::/64", -1)', '2001:db8::ffff:ffff:ffff:ffff');
      eq('cidrhost("::/0", 9007199254740991)', '::1f:ffff:ffff:ffff');
      rejects('cidrhost("10.0.0.0/24", 256)', /does not accommodate a host numbered 256/);
      rejects('cidrhost("10.0.0.0/24", -257)');
    });

    it('cidrnetmask, IPv4 only', () => {
      eq('cidrnetmask("172.16.0.0/12")', '255.240.0.0');
      eq('cidrnetmask("10.0.0.0/32")', '255.255.255.255');
      eq('cidrnetmask("0.0.0.0/0")', '0.0.0.0');
      rejects('cidrnetmask("2001:db8::/32")', /IPv6 addresses cannot have a netmask/);
    });

    it('cidrsubnets, aligned consecutive allocations', () => {
      eq('cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']);
      eq('cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)', [
        'fd00:fd12:3456:7800::/72',
        'fd00:fd12:3456:7800:100::/72',
        'fd00:fd12:3456:7800:200::/72',
        'fd00:fd12:3456:7800:300::/88',
      ]);
      eq('cidrsubnets("10.0.0.0/24", 1, 1)', ['10.0.0.0/25', '10.0.0.128/25']);
      eq('cidrsubnets("10.0.0.0/24")', []);
      rejects('cidrsubnets("10.0.0.0/24", 1, 1, 1)', /not enough remaining address space for a subnet with a prefix of 25 bits after 10.0.0.128\/25/);
      rejects('cidrsubnets("10.0.0.0/24", 0)', /at least one bit/);
      rejects('cidrsubnets("2001:db8::/32", 33)', /more than 32 bits/);
      rejects('cidrsubnets("10.0.0.0/24", 9)', /too long for an IPv4 address/);
    });
  });

  describe('string functions', () => {
    it('format: verbs, flags, width and precision', () => {
      eq('format("Hello, %s!", "Ander")', 'Hello, Ander!');
      eq('format("There are %d lights", 4)', 'There are 4 lights');
      eq('format("%-5s|%5s|%05d|%+d|% d", "ab", "cd", 42, 7, 7)', 'ab   |   cd|00042|+7| 7');
      eq('format("%.2f|%8.3f|%e|%g|%G", 3.14159, 3.14159, 1234.5678, 0.000012345, 1.0e-7)', '3.14|   3.142|1.234568e+03|1.2345e-05|1E-07');
      eq('format("%x|%X|%o|%b|%#x", 255, 255, 8, 5, 255)', 'ff|FF|10|101|0xff');
      eq('format("%v|%v|%v|%v", "s", 1.5, true, 1000000)', 's|1.5|true|1e+06');
      eq('format("%#v|%v|%v", "s", ["a", 1], {b = null})', '"s"|["a",1]|{"b":null}');
      eq('format("%q|%t|%%|%.3s", "a\\"b", "true", "abcdef")', '"a\\"b"|true|%|abc');
      eq('format("%[2]s %[1]s %s", "a", "b")', 'b a b');
      eq('format("%d", "12")', '12');
      eq('format("%v", null)', 'null');
      rejects('format("%d", 1.5)', /integer is required/);
      rejects('format("%s %s", "a")', /not enough arguments/);
      rejects('format("%s", "a", "b")', /too many arguments/);
      rejects('format("%s", null)', /null/);
      rejects('format("%s", [1])');
      rejects('format("%z", 1)', /unsupported format verb/);
      eq('format("%s", var.unset)', 'unknown');
    });

    it('formatlist: one result per element, repeating single values', () => {
      eq('formatlist("Hello, %s!", ["Valentina", "Ander"])', ['Hello, Valentina!', 'Hello, Ander!']);
      eq('formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"])', ['Salutations, Valentina!', 'Salutations, Ander!']);
      eq('formatlist("%s=%s", ["a", "b"], [1, 2])', ['a=1', 'b=2']);
      eq('formatlist("x")', ['x']);
      eq('formatlist("%s", ["a", var.unset])', ['a', 'unknown']);
      rejects('formatlist("%s%s", ["a"], ["b", "c"])', /inconsistent/);
    });

    it('join and split', () => {
      eq('join(", ", ["foo", "bar", "baz"])', 'foo, bar, baz');
      eq('join("-", ["a"], [1, true])', 'a-1-true');
      eq('join(",", [])', '');
      rejects('join(",", ["a", null])', /null/);
      eq('split(",", "foo,bar,baz")', ['foo', 'bar', 'baz']);
      eq('split(",", "")', ['']);
      eq('split("", "aé😀")', ['a', 'é', '😀']);
    });

    it('case functions follow Go, one character at a time', () => {
      eq('lower("HELLO Ünï")', 'hello ünï');
      eq('upper("hello straße")', 'HELLO STRAßE');
      eq('title("hello world-foo_bar élan")', 'Hello World-Foo_bar Élan');
    });

    it('trim functions', () => {
      eq('trimspace("  hello\\n\\t")', 'hello');
      eq('trim("?!hello?!", "!?")', 'hello');
      eq('trimprefix("helloworld", "hello")', 'world');
      eq('trimprefix("helloworld", "x")', 'helloworld');
      eq('trimsuffix("helloworld", "world")', 'hello');
      eq('chomp("hello\\r\\n\\n")', 'hello');
      eq('indent(2, "a\\nb")', 'a\n  b');
    });

    it('replace with plain substrings', () => {
      eq('replace("1 + 2 + 3", "+", "-")', '1 - 2 - 3');
      eq('replace("a.b.c", ".", "")', 'abc');
      eq('replace("abc", "", "-")', '-a-b-c-');
      eq('replace("/a/", "/", "|")', '|a|', );
    });

    it('replace with RE2 regular expressions', () => {
      eq('replace("hello world", "/w.*d/", "everybody")', 'hello everybody');
      eq(String.raw`replace("hello-world-42", "/(\\w+)-(\\d+)$/", "$2:$1")`, 'hello-42:world');
      eq('replace("k=v", "/(?P<key>\\\\w+)=(?P<val>\\\\w+)/", "$val=$${key}")', 'v=k');
      eq(String.raw`replace("a1b22c", "/\\d+/", "<$0>")`, 'a<1>b<22>c');
      eq('replace("abc", "/x*/", "-")', '-a-b-c-');
      eq('replace("Hello HELLO", "/(?i)hello/", "bye")', 'bye bye');
      eq('replace("a\\nb", "/(?m)^/", "> ")', '> a\n> b');
      eq('replace("a\\n", "/a$/", "x")', 'a\n');
      eq('replace("a.b,c", "/[[:punct:]]/", "_")', 'a_b_c');
      eq(String.raw`replace("x  \t y", "/\\s+/", " ")`, 'x y');
      eq('replace("aaa", "/a{2}/", "b")', 'ba');
      eq('replace("aaa", "/a+?/", "b")', 'bbb');
      eq('replace("café", "/\\\\pL+/", "w")', 'w');
      eq('replace("price: $5", "/\\\\$(\\\\d)/", "$$$1")', 'price: $5');
    });

    it('replace rejects what RE2 rejects and stays linear on hostile patterns', () => {
      rejects(String.raw`replace("aa", "/(a)\\1/", "x")`, /unsupported escape/);
      rejects('replace("a", "/(a/", "x")', /missing \)/);
      rejects('replace("a", "/a**/", "x")', /nested repetition/);
      rejects('replace("a", "/(?=a)/", "x")', /unsupported group/);
      // Exponential for a backtracking engine; linear here.
      eq('length(replace(var.long, "/(a+)+$/", "x"))', 20_001);
      eq('length(replace(var.long, "/(a|aa)*b/", "x"))', 20_001);
    });

    it('regex and regexall', () => {
      eq('regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'aaabbbccc');
      eq(String.raw`regex("^(\\d+)\\.(\\d+)$", "10.20")`, ['10', '20']);
      eq(String.raw`regex("(?P<major>\\d+)\\.(?P<minor>\\d+)", "v1.22")`, { major: '1', minor: '22' });
      eq('regexall("[a-z]+", "1234abcd5678efgh9")', ['abcd', 'efgh']);
      eq('length(regexall("x", "abc")) > 0', false);
      rejects('regex("z", "abc")', /did not match/);
    });

    it('substr, length and strrev count characters, not code units', () => {
      eq('substr("hello world", 1, 4)', 'ello');
      eq('substr("🤔🤷", 0, 1)', '🤔');
      eq('substr("hello world", -5, -1)', 'world');
      eq('substr("hello world", 6, 10)', 'world');
      eq('substr("abc", 5, 1)', '');
      eq('length("hello")', 5);
      eq('length("👾🕹️é")', 3);
      eq('strrev("abc😀")', '😀cba');
      eq('startswith("hello", "he")', true);
      eq('endswith("hello", "x")', false);
      eq('strcontains("hello", "ll")', true);
    });

    it('sort sorts strings lexically', () => {
      eq('sort(["e", "d", "a", "x"])', ['a', 'd', 'e', 'x']);
      eq('sort([10, 9, 1])', ['1', '10', '9']);
      eq('sort(["b", var.unset])', 'unknown');
    });
  });

  describe('collection functions', () => {
    it('length, element, index and contains', () => {
      eq('length([1, 2, 3])', 3);
      eq('length({a = 1})', 1);
      eq('length([var.unset, 1])', 2);
      rejects('length(null)');
      eq('element(["a", "b", "c"], 3)', 'a');
      eq('element(["a", var.unset], 0)', 'a');
      rejects('element([], 0)', /empty list/);
      rejects('element(["a"], -1)', /negative index/);
      eq('index(["a", "b", "c"], "b")', 1);
      rejects('index(["a"], "z")', /not found/);
      eq('contains(["a", "b", "c"], "a")', true);
      eq('contains([1, 2], "1")', false);
      eq('contains(["a", var.unset], "a")', true);
      eq('contains(["b", var.unset], "a")', 'unknown');
    });

    it('merge, concat and lookup', () => {
      eq('merge({a = "b", c = "d"}, {e = "f", c = "z"})', { a: 'b', c: 'z', e: 'f' });
      eq('merge({a = 1}, null, {b = 2})', { a: 1, b: 2 });
      eq('merge()', {});
      eq('merge({a = var.unset}, {b = 1})', { a: 'unknown', b: 1 });
      eq('merge(var.unset, {b = 1})', 'unknown');
      rejects('merge({a = 1}, [1])', /map or object/);
      eq('concat(["a", ""], ["b", "c"])', ['a', '', 'b', 'c']);
      eq('concat([var.unset], [1])', ['unknown', 1]);
      rejects('concat(["a"], "b")', /must be a list/);
      eq('lookup({a = "ay", b = "bee"}, "a", "what?")', 'ay');
      eq('lookup({a = "ay", b = "bee"}, "c", "what?")', 'what?');
      rejects('lookup({a = "ay"}, "c")', /no element for the key "c"/);
      eq('lookup({a = var.unset}, "b", 1)', 1);
    });

    it('keys, values and zipmap', () => {
      eq('keys({a = 1, c = 2, d = 3})', ['a', 'c', 'd']);
      eq('keys({a = var.unset})', ['a']);
      eq('values({a = 3, c = 2, d = 1})', [3, 2, 1]);
      eq('zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 });
      rejects('zipmap(["a"], [1, 2])', /1 keys but 2 values/);
    });

    it('flatten, distinct, compact, reverse and slice', () => {
      eq('flatten([["a", "b"], [], ["c"]])', ['a', 'b', 'c']);
      eq('flatten([[["a", "b"], []], ["c"]])', ['a', 'b', 'c']);
      eq('flatten([[var.unset]])', 'unknown');
      eq('distinct(["a", "b", "a", "c", "d", "b"])', ['a', 'b', 'c', 'd']);
      eq('compact(["a", "", "b", null, "c"])', ['a', 'b', 'c']);
      eq('reverse([1, 2, 3])', [3, 2, 1]);
      eq('slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']);
      rejects('slice(["a"], 0, 2)', /does not fit/);
    });

    it('coalesce and coalescelist', () => {
      eq('coalesce("a", "b")', 'a');
      eq('coalesce("", "b")', 'b');
      eq('coalesce(1, 2)', 1);
      eq('coalesce(null, 2, "x")', '2');
      eq('coalesce(null, "x", var.unset)', 'x');
      eq('coalesce(var.unset, "x")', 'unknown');
      rejects('coalesce(null, "")', /no non-null/);
      eq('coalescelist(["a", "b"], ["c", "d"])', ['a', 'b']);
      eq('coalescelist([], ["c", "d"])', ['c', 'd']);
      rejects('coalescelist([], [])');
    });

    it('range', () => {
      eq('range(3)', [0, 1, 2]);
      eq('range(1, 4)', [1, 2, 3]);
      eq('range(1, 8, 2)', [1, 3, 5, 7]);
      eq('range(1, 3, 0.5)', [1, 1.5, 2, 2.5]);
      eq('range(4, 1)', [4, 3, 2]);
      eq('range(10, 5, -2)', [10, 8, 6]);
      eq('range(0)', []);
      rejects('range(0, 5, 0)', /zero/);
      rejects('range(0, 5, -1)', /positive/);
      rejects('range(2000)', /more than 1024/);
    });

    it('one, sum, alltrue and anytrue', () => {
      eq('one([])', null);
      eq('one(["a"])', 'a');
      rejects('one(["a", "b"])');
      eq('sum([1, 2, "3"])', 6);
      eq('alltrue([true, "true"])', true);
      eq('anytrue([false])', false);
    });
  });

  describe('conversion functions', () => {
    it('tolist, toset, tomap', () => {
      eq('tolist(["a", "b"])', ['a', 'b']);
      eq('toset(["c", "b", "b", "a"])', ['a', 'b', 'c']);
      eq('toset([3, 1, 1])', [1, 3]);
      eq('tomap({a = 1, b = "x"})', { a: '1', b: 'x' });
      rejects('tolist("a")');
      rejects('tomap(["a"])');
    });

    it('tostring, tonumber, tobool', () => {
      eq('tostring("hello")', 'hello');
      eq('tostring(1.5)', '1.5');
      eq('tostring(true)', 'true');
      eq('tostring(null)', null);
      rejects('tostring([])');
      eq('tonumber("1")', 1);
      eq('tonumber("-2.5e2")', -250);
      eq('tonumber(null)', null);
      rejects('tonumber("no")', /not a number/);
      rejects('tonumber(" 1")');
      eq('tobool("true")', true);
      eq('tobool(false)', false);
      rejects('tobool("yes")');
      rejects('tobool(1)');
    });
  });

  describe('number functions', () => {
    it('max, min, abs, ceil, floor, pow, signum, parseint', () => {
      eq('max(12, 54, 3)', 54);
      eq('max("12", 5)', 12);
      eq('min(12, 54, 3)', 3);
      rejects('max()');
      eq('abs(-12.4)', 12.4);
      eq('ceil(5.1)', 6);
      eq('floor(-4.1)', -5);
      eq('pow(2, 10)', 1024);
      eq('signum(-3)', -1);
      eq('parseint("FF", 16)', 255);
      eq('parseint("-101", 2)', -5);
      rejects('parseint("12", 1)');
      rejects('parseint("z", 10)');
    });
  });

  describe('encoding and hashing functions', () => {
    it('jsonencode writes what Terraform writes', () => {
      eq('jsonencode({hello = "world"})', '{"hello":"world"}');
      eq('jsonencode({b = [1, 2.5, true, null], a = "<&>"})', '{"a":"\\u003c\\u0026\\u003e","b":[1,2.5,true,null]}');
      eq('jsonencode("line\\n")', '"line\\n"');
      eq('jsonencode({a = var.unset})', 'unknown');
    });

    it('jsondecode', () => {
      eq('jsondecode("{\\"hello\\": \\"world\\", \\"n\\": [1, true, null]}")', { hello: 'world', n: [1, true, null] });
      eq('jsondecode("true")', true);
      rejects('jsondecode("{")', /not valid JSON/);
    });

    it('base64 and hashes', () => {
      eq('base64encode("Hello World")', 'SGVsbG8gV29ybGQ=');
      eq('base64decode("SGVsbG8gV29ybGQ=")', 'Hello World');
      eq('base64encode("é")', 'w6k=');
      rejects('base64decode("SGVsbG8")', /not valid Base64/);
      rejects('base64decode("/w==")', /UTF-8/);
      eq('sha256("hello world")', 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
      eq('md5("hello world")', '5eb63bbbe01eeed093cb22bb8f5acdc3');
      eq('sha1("hello world")', '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed');
      eq('base64sha256("hello world")', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=');
      eq('urlencode("a b&c/é")', 'a+b%26c%2F%C3%A9');
    });
  });

  describe('unknown handling', () => {
    it('gives unknown for an unknown argument unless the function does not need it', () => {
      eq('upper(var.unset)', 'unknown');
      eq('join(",", [var.unset])', 'unknown');
      eq('length(var.unset)', 'unknown');
      eq('sensitive("x")', 'x');
    });

    it('gives unknown, without an error, for functions that read files or are not deterministic', () => {
      for (const name of ['file', 'templatefile', 'filebase64', 'fileexists', 'timestamp', 'uuid', 'bcrypt']) {
        const r = run(`${name}("x")`);
        assert.equal(r.value, 'unknown', name);
        assert.equal(r.error, undefined, name);
        assert.ok(!evaluatedFunctionNames.has(name), name);
      }
    });

    it('computes every function the issue lists', () => {
      const listed = 'jsonencode jsondecode merge concat lookup cidrsubnet cidrsubnets cidrhost cidrnetmask format formatlist join split lower upper title trimspace trim trimprefix trimsuffix replace substr length element index contains keys values zipmap flatten distinct compact coalesce coalescelist tolist toset tomap tostring tonumber tobool max min abs ceil floor range slice reverse sort try can base64encode base64decode sha256 md5';
      for (const name of listed.split(' ')) assert.ok(evaluatedFunctionNames.has(name), name);
    });
  });
});
