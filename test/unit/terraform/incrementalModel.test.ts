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

/**
 * Applies edits one after another as the editor does (incremental re-parse, model built from the
 * previous one) and checks after each that the model equals a fresh parse's; returns the last model.
 */
function editAndCompare(source: string, edits: ((text: string) => TextEdit)[]): FileModel {
  let text = source;
  let tree = parser.parse(text);
  let model = fileModelFromTree(tree, 'file:///ws/main.tf', 'tf', text, { keepItems: true });
  try {
    edits.forEach((next, i) => {
      const edit = next(text);
      const result = parser.reparse(tree, text, [edit]);
      tree.delete();
      tree = result.tree;
      text = result.text;
      model = fileModelFromTree(tree, 'file:///ws/main.tf', 'tf', text, { keepItems: true, previous: model });
      assert.deepStrictEqual(model, fresh(text), `after inserting ${JSON.stringify(edit.newText)} at ${edit.start} (edit ${i + 1})`);
    });
  } finally {
    tree.delete();
  }
  return model;
}

describe('file model of an edited document', () => {
  it('equals the model of the same text parsed from scratch, after every edit', () => {
    const at = (text: string, needle: string, after = 0): number => {
      const i = text.indexOf(needle);
      assert.ok(i >= 0, `${needle} is in the text`);
      return i + after;
    };
    const insert = (needle: string, newText: string, from = 0, to = from): ((text: string) => TextEdit) => (text) => ({ start: at(text, needle, from), end: at(text, needle, to), newText });
    // Edits before, inside and after blocks; ones that break the syntax and ones that mend it;
    // ones that add lines and ones that change a line's columns.
    editAndCompare(source, [
      insert('default', ' '),
      // A space before a block on its own line: the block is reused, moved by one column.
      insert('resource "aws_subnet"', ' '),
      insert('"aws_subnet"', '\n\n'),
      insert('cidr_block = local', 'x'),
      insert('output', 'locals { a = 1 }\n'),
      insert('xcidr_block', '', 0, 1),
      insert('Name =', 'Name = "', 0, 6),
      insert('Name = "', 'Name =', 0, 8),
      insert('# Network', 'terraform {}\n'),
      insert('value = aws', '   '),
      insert('locals {\n  subnets', '😀 '),
      insert('😀 locals', '', 0, 3),
    ]);
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
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const space = (text: string): TextEdit => {
      const offset = Math.floor(random() * (text.length + 1));
      return { start: offset, end: offset, newText: ' ' };
    };
    const model = editAndCompare(blocks.join(''), Array.from({ length: 150 }, () => space));
    assert.ok(model.syntax.length > 0, 'the edits broke the file');
  });
});
