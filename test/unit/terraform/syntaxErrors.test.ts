import * as assert from 'node:assert/strict';
import { HclParser } from '../../../server/terraform/hclParser';
import { syntaxErrors } from '../../../server/terraform/syntaxErrors';
import type { Finding } from '../../../server/protocol/findings';

describe('HCL syntax errors', () => {
  let parser: HclParser;
  before(async () => {
    parser = await HclParser.create('terraform');
  });
  after(() => parser.delete());

  const errorsOf = (text: string): Finding[] => {
    const tree = parser.parse(text);
    try {
      return syntaxErrors(tree);
    } finally {
      tree.delete();
    }
  };
  const where = (f: Finding): string => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;

  it('finds nothing in valid Terraform with heredocs, templates, for and dynamic', () => {
    const text = [
      'resource "aws_security_group" "app" {',
      '  name = "app-${var.env}"',
      '  dynamic "ingress" {',
      '    for_each = var.rules',
      '    content {',
      '      from_port   = ingress.value.port',
      '      cidr_blocks = [for c in var.cidrs : c if c != "0.0.0.0/0"]',
      '    }',
      '  }',
      '  description = <<-EOT',
      '    Managed by ${local.team}',
      '  EOT',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(errorsOf(text), []);
  });

  it('reports an attribute with no value at the attribute', () => {
    const [f, ...rest] = errorsOf('resource "aws_vpc" "main" {\n  cidr_block =\n}\n');
    assert.equal(rest.length, 0);
    assert.equal(f.code, 'CG-HCL-SYNTAX');
    assert.equal(f.severity, 'error');
    assert.equal(f.message, 'Syntax error: `cidr_block` has no value after `=`');
    assert.equal(where(f), '1:2-1:14');
  });

  it('reports a missing closing brace at the end, naming the block and its line', () => {
    const findings = errorsOf('variable "a" {}\n\nresource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].message, 'Syntax error: missing `}` to close `resource "aws_vpc" "main"` opened on line 3');
    assert.equal(where(findings[0]), '3:28-3:28');
  });

  it('reports a doubled comma inside a list at the comma', () => {
    const findings = errorsOf('variable "x" {\n  default = [1, 2,, 3]\n}\n');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, 1);
    assert.equal(findings[0].range.start.character, 18);
  });

  it('counts columns in UTF-16 code units, as LSP does', () => {
    // "é" is one UTF-16 unit, "😀" two; the error is the stray `}` after them.
    const text = 'locals {\n  a = "é😀" }\n  b = 1\n}\n';
    const findings = errorsOf(text);
    assert.ok(findings.length >= 1);
    const stray = findings.find((f) => f.range.start.line === 3);
    assert.ok(stray, `expected an error on line 4, got ${findings.map(where).join(', ')}`);
    assert.equal(stray.range.start.character, 0);
  });

  it('keeps a multi-line error to its first token rather than the rest of the file', () => {
    const findings = errorsOf('resource "a" "b" {\n  x = 1 +\n  y = 2\n}\n');
    assert.ok(findings.length >= 1);
    for (const f of findings) assert.equal(f.range.start.line, f.range.end.line, `range ${where(f)} spans lines`);
  });

  it('caps the number of findings in a file of garbage', () => {
    const findings = errorsOf('} '.repeat(5000));
    assert.ok(findings.length > 0 && findings.length <= 100);
  });
});
