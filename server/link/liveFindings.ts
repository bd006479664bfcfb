/**
 * The compliance rules run on a cloud snapshot ("rules on live"), so that a risk made in the
 * console, which no Terraform file shows, is a finding too. Each live resource is checked by the
 * rules its Terraform declaration would be checked by, through `SnapshotResourceView`.
 */
import type { FindingSeverity } from '../protocol/findings';
import type { CloudSnapshot } from '../protocol/snapshot';
import { ruleDocsUrl } from '../rules/allRules';
import { enabledRules, ruleSettings } from '../rules/profiles';
import type { RunOptions } from '../rules/runRules';
import { ruleApplies, ruleSelector } from '../rules/ruleSelection';
import type { RuleContext, RuleViolation, ValuePath } from '../rules/ruleTypes';
import { SnapshotResourceView, SnapshotScope } from './snapshotResourceView';

/** A compliance rule's finding on a live resource. */
export interface LiveFinding {
  /** The rule ID, the same as on Terraform code (`CG-AWS-SG-001`). */
  code: string;
  severity: FindingSeverity;
  message: string;
  /** The provider id of the resource (`sg-…`, an ARN). */
  liveId: string;
  /** The Terraform type the resource is seen as (`aws_security_group`). */
  type: string;
  /** The resource's `Name` tag, when it has one. */
  name?: string;
  region: string;
  /** The attribute path of the violation inside the resource, e.g. `["ingress", 2, "cidr_blocks", 0]`. */
  path?: ValuePath;
  /** The rule's documentation page. */
  docs: string;
}

/**
 * Runs the enabled rules on every live resource of the snapshot that has a Terraform type. A rule
 * that throws says nothing, as on code. Findings are sorted by resource id, rule and message.
 * `options` are the rule options (`docsBase` places the docs links, as for code).
 */
export function liveRuleFindings(snapshot: CloudSnapshot, options: RunOptions): LiveFinding[] {
  const rules = enabledRules(options);
  if (rules.length === 0) return [];
  const scope = new SnapshotScope(snapshot);
  const context: RuleContext = { settings: ruleSettings(options), resourcesOfType: (type) => scope.resourcesOfType(type) };
  const findings: LiveFinding[] = [];
  for (const view of scope.resources()) {
    const key = ruleSelector(view);
    const resource = view.live.resource;
    const name = Object.hasOwn(resource.tags, 'Name') ? resource.tags.Name : undefined;
    for (const rule of rules) {
      if (!ruleApplies(rule, key)) continue;
      let violations: RuleViolation[];
      try {
        violations = rule.check(view, context);
      } catch (error) {
        // A rule that fails on odd input must not take the others down; it says nothing.
        void error;
        continue;
      }
      for (const v of violations) {
        if (restsOnAbsence(v)) continue;
        const finding: LiveFinding = { code: rule.id, severity: rule.severity, message: v.message, liveId: view.liveId, type: view.type, region: view.live.region, docs: ruleDocsUrl(rule.id, options.docsBase) };
        if (name !== undefined) finding.name = name;
        const path = pathInResource(view, v);
        if (path !== undefined) finding.path = path;
        findings.push(finding);
      }
    }
  }
  return findings.sort((a, b) => compare(a.liveId, b.liveId) || compare(a.code, b.code) || compare(a.message, b.message) || compare(JSON.stringify(a.path ?? []), JSON.stringify(b.path ?? [])));
}

/**
 * True when a violation rests on something the snapshot does not hold. A snapshot keeps only the
 * allowlisted fields of each resource (server/cloud/attributeAllowlist.ts), so an attribute absent
 * there was not recorded, which is not the same as "not set": a rule that fires on a missing
 * attribute (a provider default it distrusts) would report every live resource. Rules show such a
 * violation in three ways, and each is dropped on live resources:
 * - its path names an attribute the live view does not hold;
 * - it has no path: rules point at the block header exactly when what they look for is absent
 *   ("`storage_encrypted` defaults to false", "no rotation policy");
 * - its fix sets an attribute the live view does not hold (a listener with no recorded `ssl_policy`
 *   is "using the default policy" only in code).
 * A rule that reads a missing attribute only on the way to a finding about a recorded one (a
 * database whose recorded `storage_encrypted` is false) still reports it.
 */
function restsOnAbsence(v: RuleViolation): boolean {
  if (v.path === undefined || v.path.length === 0) return true;
  const held = v.at instanceof SnapshotResourceView ? v.at.holds(v.path) : v.at.attribute(v.path) !== undefined;
  if (!held) return true;
  return v.fix !== undefined && v.fix.target.attribute(v.fix.attribute) === undefined;
}

/** The violation's path from the resource: the block's own path first when it is on a nested block of it. */
function pathInResource(view: SnapshotResourceView, v: RuleViolation): ValuePath | undefined {
  if (v.path === undefined || !(v.at instanceof SnapshotResourceView) || v.at.live !== view.live) return undefined;
  return [...v.at.blockPath, ...(typeof v.path === 'string' ? [v.path] : v.path)];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
