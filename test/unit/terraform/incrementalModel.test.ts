import * as assert from 'node:assert/strict';
import { fileModelFromTree, type FileModel } from '../../../server/terraform/fileModel';
import { HclParser, type TextEdit } from '../../../server/terraform/hclParser';

let parser: HclParser;

before(async () => {
  parser = await HclParser.create('terraform');
});

after(() => parser.delete());

const source = `# Network of the demo
variable "cidr" {
  default = "10.0.0.0/16"
}

resource "aws_vpc" "main" {
  cidr_block = var.cidr
  tags       = { Name = "naïve 😀 \${var.cidr}" }
}

locals {
  subnets = [for i in range(3) : cidrsubnet(var.cidr, 8, i)]
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = local.subnets[0]
  user_data  = <<-EOT
    echo \${aws_vpc.main.id}
  EOT
}

output "vpc" {
  value = aws_vpc.main.id
}
`;

/** The model of `text` built from scratch, as a file opened fresh would get it. */
function fresh(text: string): FileModel {
  const tree = parser.parse(text);
  try {
    return fileModelFromTree(tree, 'file:///ws/main.tf', 'tf', text);
  } finally {
    tree.delete();
  }
}

describe('file model of an edited document', () => {
  it('equals the model of the same text parsed from scratch, after every edit', () => {
    let text = source;
    let tree = parser.parse(text);
    let model = fileModelFromTree(tree, 'file:///ws/main.tf', 'tf', text, { keepItems: true });
    const at = (needle: string, after = 0): number => {
      const i = text.indexOf(needle);
      assert.ok(i >= 0, `${needle} is in the text`);
      return i + after;
    };
    // Edits before, inside and after blocks; ones that break the syntax and ones that mend it;
    // ones that add lines and ones that change a line's columns.
    const edits: (() => TextEdit)[] = [
      () => ({ start: at('default'), end: at('default'), newText: ' ' }),
      () => ({ start: at('"aws_subnet"'), end: at('"aws_subnet"'), newText: '\n\n' }),
      () => ({ start: at('cidr_block = local'), end: at('cidr_block = local'), newText: 'x' }),
      () => ({ start: at('output'), end: at('output'), newText: 'locals { a = 1 }\n' }),
      () => ({ start: at('xcidr_block'), end: at('xcidr_block', 1), newText: '' }),
      () => ({ start: at('Name ='), end: at('Name =', 6), newText: 'Name = "' }),
      () => ({ start: at('Name = "'), end: at('Name = "', 8), newText: 'Name =' }),
      () => ({ start: at('# Network'), end: at('# Network'), newText: 'terraform {}\n' }),
      () => ({ start: at('value = aws'), end: at('value = aws'), newText: '   ' }),
      () => ({ start: at('locals {\n  subnets'), end: at('locals {\n  subnets'), newText: '😀 ' }),
      () => ({ start: at('😀 locals'), end: at('😀 locals', 3), newText: '' }),
    ];
    try {
      for (const next of edits) {
        const edit = next();
        const result = parser.reparse(tree, text, [edit]);
        tree.delete();
        tree = result.tree;
        text = result.text;
        model = fileModelFromTree(tree, 'file:///ws/main.tf', 'tf', text, { keepItems: true, previous: model });
        assert.deepStrictEqual(model, fresh(text), `after inserting ${JSON.stringify(edit.newText)} at ${edit.start}`);
      }
    } finally {
      tree.delete();
    }
  });

  it('places ranges after non-ASCII text in UTF-16 columns', () => {
    const model = fresh('x = "é😀" \ny = { a = "😀", b = var.v }\n');
    const reference = model.references.find((r) => r.root === 'var');
    assert.deepStrictEqual(reference?.range, { start: { line: 1, character: 20 }, end: { line: 1, character: 25 } });
    assert.deepStrictEqual(model.body.attributes[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
  });
});

describe('file model of a document broken in many places while the user types', () => {
  it('equals the model of the same text parsed from scratch after each of 150 stray spaces', () => {
    const blocks = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? `resource "aws_security_group" "g${i}" {\n  name = "g${i}"\n  ingress {\n    from_port   = ${1000 + i}\n    cidr_blocks = var.admin_cidrs\n  }\n}\n\n`
        : `resource "aws_instance" "i${i}" {\n  ami       = "ami-0123"\n  subnet_id = aws_subnet.s${i}.id\n  user_data = <<-EOT\n    echo \${var.environment}\n  EOT\n}\n\n`,
    );
    let text = blocks.join('');
    let tree = parser.parse(text);
    let model = fileModelFromTree(tree, 'file:///ws/main.tf', 'tf', text, { keepItems: true });
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    try {
      for (let i = 0; i < 150; i++) {
        const offset = Math.floor(random() * (text.length + 1));
        const result = parser.reparse(tree, text, [{ start: offset, end: offset, newText: ' ' }]);
        tree.delete();
        tree = result.tree;
        text = result.text;
        model = fileModelFromTree(tree, 'file:///ws/main.tf', 'tf', text, { keepItems: true, previous: model });
        assert.deepStrictEqual(model, fresh(text), `after a space at ${offset} (edit ${i + 1})`);
      }
      assert.ok(model.syntax.length > 0, 'the edits broke the file');
    } finally {
      tree.delete();
    }
  });
});
