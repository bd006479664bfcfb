import * as assert from 'node:assert/strict';
import { DocumentStore, documentKind } from '../../../server/lsp/documentStore';
import { HclParser } from '../../../server/terraform/hclParser';
import { syntaxErrors } from '../../../server/terraform/syntaxErrors';

describe('document store', () => {
  let parsers: { terraform: HclParser; hcl: HclParser };
  before(async () => {
    parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  });
  after(() => {
    parsers.terraform.delete();
    parsers.hcl.delete();
  });

  it('knows each kind of document by language id or file name', () => {
    assert.equal(documentKind('file:///w/main.tf'), 'terraform');
    assert.equal(documentKind('file:///w/prod.auto.tfvars'), 'tfvars');
    assert.equal(documentKind('file:///w/access.policy.hcl'), 'policy');
    assert.equal(documentKind('file:///w/q.sql'), 'sql');
    assert.equal(documentKind('untitled:Untitled-1', 'terraform'), 'terraform');
    assert.equal(documentKind('file:///w/readme.md'), 'other');
  });

  it('keeps text and tree in step through incremental and full changes', () => {
    const store = new DocumentStore(parsers);
    const uri = 'file:///w/main.tf';
    store.open(uri, 'terraform', 1, 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n');
    // Typing a newline and a half-written attribute breaks the file...
    let entry = store.change(uri, 2, [{ range: { start: { line: 1, character: 28 }, end: { line: 1, character: 28 } }, text: '\n  tags =' }]);
    assert.ok(entry?.tree);
    assert.equal(entry.document.getText(), 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n  tags =\n}\n');
    assert.deepEqual(syntaxErrors(entry.tree).map((f) => f.range.start), [{ line: 2, character: 2 }]);
    // ...and finishing it mends it.
    entry = store.change(uri, 3, [{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 8 } }, text: ' {}' }]);
    assert.ok(entry?.tree);
    assert.deepEqual(syntaxErrors(entry.tree), []);
    // A full-text change replaces everything.
    entry = store.change(uri, 4, [{ text: 'variable "x" {' }]);
    assert.ok(entry?.tree);
    assert.equal(entry.document.version, 4);
    assert.equal(syntaxErrors(entry.tree).length, 1);
    store.close(uri);
    assert.equal(store.get(uri), undefined);
  });

  it('parses policy files and tfvars as plain HCL, and SQL not at all', () => {
    const store = new DocumentStore(parsers);
    assert.ok(store.open('file:///w/a.policy.hcl', 'cartograph-policy', 1, 'role "Analyst" {}\n').tree);
    assert.ok(store.open('file:///w/t.tfvars', 'terraform-vars', 1, 'region = "eu-west-1"\n').tree);
    assert.equal(store.open('file:///w/q.sql', 'sql', 1, 'select 1').tree, undefined);
    for (const d of store.all()) store.close(d.document.uri);
  });
});
