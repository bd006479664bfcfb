import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runRules } from '../../../server/rules/runRules';
import { applySuppressions } from '../../../server/rules/suppressions';
import { loadCase, uriOf } from '../../golden/terraformCases';

/**
 * The planted risks of examples/README.md, as (rule, file, resource). Each row of the README's table
 * maps to the rules that report it; the load balancer row names both the TLS policy and the missing
 * HSTS header, and the reporting database's public subnets are the "private subnets for data" control.
 */
const planted = [
  'CG-AWS-TLS-001 loadbalancer.tf aws_lb_listener.partner_api',
  'CG-AWS-HSTS-001 loadbalancer.tf aws_lb_listener.partner_api',
  'CG-AWS-RDS-001 database.tf aws_db_instance.reporting',
  'CG-AWS-RDS-003 database.tf aws_db_instance.reporting',
  'CG-AWS-RDS-004 database.tf aws_db_instance.reporting',
  'CG-AWS-SG-001 security.tf aws_security_group_rule.bastion_ssh',
  'CG-AWS-SG-003 security.tf aws_security_group_rule.bastion_vendor_support',
  'CG-AWS-IAM-003 iam.tf aws_iam_policy.housekeeping',
  'CG-AWS-IAM-001 iam.tf aws_iam_policy.ci_deploy',
  'CG-AWS-SEC-001 compute.tf aws_instance.etl_worker',
  'CG-TF-SEC-001 variables.tf var.db_password',
].sort();

/** The README's "must not flag" list, as resources no finding may name. */
const mustNotFlag = ['aws_security_group.alb', 'aws_security_group.reporting_db', 'aws_vpc_security_group_ingress_rule.reporting_db_bi_vendor', 'aws_instance.app', 'aws_s3_bucket_policy.audit_logs', 'aws_kms_key.audit'];

describe('rules on the examples/terraform demo', () => {
  it('report exactly the planted risks with every profile on, and nothing on the look-alikes', async () => {
    const loaded = await loadCase(path.join(__dirname, '..', '..', '..', 'examples', 'terraform'));
    const actual: string[] = [];
    for (const [rel, text] of loaded.texts) {
      const file = loaded.index.file(uriOf(rel))!;
      for (const f of applySuppressions(runRules(loaded.index, file, { profiles: ['all'] }), text)) actual.push(`${f.code} ${rel} ${f.address}`);
    }
    assert.deepEqual(actual.sort(), planted);
    for (const address of mustNotFlag) assert.ok(!actual.some((a) => a.endsWith(` ${address}`)), `${address} must not be flagged`);
  });

  it('with only the baseline profile, leaves out the TLS 1.3 and IAM findings', async () => {
    const loaded = await loadCase(path.join(__dirname, '..', '..', '..', 'examples', 'terraform'));
    const codes = new Set<string>();
    for (const file of loaded.index.allFiles()) for (const f of runRules(loaded.index, file, { profiles: ['baseline'] })) codes.add(f.code);
    assert.deepEqual([...codes].sort(), ['CG-AWS-RDS-001', 'CG-AWS-RDS-003', 'CG-AWS-RDS-004', 'CG-AWS-SEC-001', 'CG-AWS-SG-001', 'CG-AWS-SG-003', 'CG-TF-SEC-001']);
  });
});
