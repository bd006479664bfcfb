import * as assert from 'node:assert/strict';
import { HclParser } from '../../../server/terraform/hclParser';
import { WorkspaceIndex } from '../../../server/terraform/workspaceIndex';
import { modelText } from '../../../server/workspace/parseFile';
import { runRules, workspaceRuleFindings, type RuleFinding, type TextEdit } from '../../../server/rules/runRules';
import { applySuppressions, suppressionEdit } from '../../../server/rules/suppressions';

let parsers: { terraform: HclParser; hcl: HclParser };
before(async () => {
  parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
});

function analyse(text: string, profiles = ['all']): { index: WorkspaceIndex; findings: RuleFinding[] } {
  const index = new WorkspaceIndex();
  const model = modelText(parsers, text, 'file:///w/main.tf');
  index.setFile(model);
  return { index, findings: runRules(index, model, { profiles }) };
}

function apply(text: string, edit: TextEdit): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}

describe('rule quick fixes and suppressions', () => {
  it('inserts a missing attribute with the block\'s indentation, and the fixed file no longer fires', () => {
    const text = 'resource "aws_kms_key" "k" {\n  description = "x"\n}\n';
    const finding = analyse(text).findings.find((f) => f.code === 'CG-AWS-KMS-001')!;
    assert.equal(finding.fix?.title, 'Turn on key rotation');
    const fixed = apply(text, finding.fix!.edit);
    assert.equal(fixed, 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n  description = "x"\n}\n');
    assert.ok(!analyse(fixed).findings.some((f) => f.code === 'CG-AWS-KMS-001'));
  });

  it('replaces a wrong value in place', () => {
    const text = 'resource "aws_lb_listener" "l" {\n  protocol   = "HTTPS"\n  ssl_policy = "ELBSecurityPolicy-2016-08"\n  routing_http_response_strict_transport_security_header_value = "max-age=31536000"\n}\n';
    const finding = analyse(text, ['tls13']).findings.find((f) => f.code === 'CG-AWS-TLS-001')!;
    const fixed = apply(text, finding.fix!.edit);
    assert.ok(fixed.includes('ssl_policy = "ELBSecurityPolicy-TLS13-1-3-2021-06"'));
    assert.deepEqual(analyse(fixed, ['tls13']).findings, []);
  });

  it('offers no fix where none is safe (encrypting a database replaces it)', () => {
    const text = 'resource "aws_db_instance" "d" {\n  storage_encrypted = false\n}\n';
    const finding = analyse(text).findings.find((f) => f.code === 'CG-AWS-RDS-001')!;
    assert.equal(finding.fix, undefined);
  });

  it('"Suppress with a reason" writes a comment above the resource that suppresses the finding', () => {
    const text = 'resource "aws_db_instance" "d" {\n  storage_encrypted   = true\n  kms_key_id          = "k"\n  publicly_accessible = true\n}\n';
    const finding = analyse(text, ['baseline']).findings.find((f) => f.code === 'CG-AWS-RDS-003')!;
    assert.equal(finding.docs, 'docs/rules/CG-AWS-RDS-003.md');
    const edit = suppressionEdit(finding, 'BI vendor\nreads it', '2030-01-31');
    const suppressed = apply(text, edit);
    assert.ok(suppressed.startsWith('# cartograph:ignore CG-AWS-RDS-003 exp:2030-01-31 BI vendor reads it\nresource'));
    const again = analyse(suppressed, ['baseline']);
    assert.deepEqual(applySuppressions(again.findings, suppressed, new Date('2025-06-01T12:00:00')), []);
    const later = applySuppressions(again.findings, suppressed, new Date('2030-02-01T12:00:00'));
    assert.deepEqual(later.map((f) => [f.code, f.severity]), [['CG-SUPPRESSION-EXPIRED', 'warning'], ['CG-AWS-RDS-003', 'error']]);
    assert.throws(() => suppressionEdit(finding, 'x', '31/01/2030'), /YYYY-MM-DD/);
  });

  it('reports a folder for the CLI with relative paths and suppressions applied', () => {
    const text = '# cartograph:ignore CG-AWS-KMS-001 imported key material\nresource "aws_kms_key" "a" {\n  description = "a"\n}\n\nresource "aws_kms_key" "b" {\n  description = "b"\n}\n';
    const { index } = analyse(text);
    const files = workspaceRuleFindings(index, { profiles: ['cmek'] }, () => text, (uri) => uri.replace('file:///w/', ''));
    assert.deepEqual(files.map((f) => [f.file, f.findings.map((x) => `${x.code}@${x.range.start.line}`)]), [['main.tf', ['CG-AWS-KMS-001@5']]]);
    assert.deepEqual(Object.keys(files[0].findings[0]).sort(), ['code', 'message', 'range', 'severity']);
  });
});
