/**
 * What a user is told after an import: where the snapshot is, what was read (counts per kind of
 * resource), what could not be (the gaps) and the minimal policy or role that would fill the gaps,
 * as JSON to copy. Plain text, used by the CLI; the VS Code client shows the same parts its own way.
 */
import type { CloudSnapshot, ImportGap, ResourceType } from '../protocol/snapshot';
import { minimalAwsPolicy } from './aws/awsPolicy';
import { minimalAzureRole } from './azure/azurePolicy';

/** How many resources of each kind a snapshot holds, most numerous first. */
export function resourceCounts(snapshot: CloudSnapshot): [ResourceType, number][] {
  const counts = new Map<ResourceType, number>();
  for (const r of snapshot.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** One line per gap: where, which call, why, and the permission it needs. */
export function describeGap(gap: ImportGap): string {
  const where = [gap.account, gap.region].filter(Boolean).join(' ');
  const needs = gap.reason === 'denied' ? `; grant ${gap.permission}` : '';
  return `${where ? `${where} ` : ''}${gap.operation}: ${gap.reason}${needs} (${gap.message})`;
}

/** The policy (AWS) or custom role (Azure) that fills the denied gaps, or `undefined`. */
export function fillingPolicy(snapshot: CloudSnapshot): object | undefined {
  if (snapshot.provider === 'aws') return minimalAwsPolicy(snapshot.gaps);
  return minimalAzureRole(
    snapshot.identities.map((i) => i.account),
    snapshot.gaps,
  );
}

export function formatImportSummary(snapshot: CloudSnapshot, writtenTo?: string): string {
  const lines: string[] = [];
  if (writtenTo) lines.push(`Snapshot: ${writtenTo}`);
  for (const id of snapshot.identities) {
    lines.push(`${id.provider === 'aws' ? 'Account' : 'Subscription'} ${id.account}${id.principal ? ` as ${id.principal}` : ''}`);
  }
  lines.push(`Regions: ${snapshot.regions.join(', ') || 'none'}`);
  const counts = resourceCounts(snapshot);
  lines.push(`Resources: ${snapshot.resources.length}${counts.length ? ` (${counts.map(([t, n]) => `${n} ${t}`).join(', ')})` : ''}`);
  lines.push(`Calls: ${snapshot.stats.calls} in ${(snapshot.stats.durationMs / 1000).toFixed(1)} s`);
  if (snapshot.stats.redactedValues) lines.push(`Secret-looking values left out: ${snapshot.stats.redactedValues}`);
  if (snapshot.gaps.length === 0) {
    lines.push('Gaps: none');
  } else {
    lines.push(`Gaps: ${snapshot.gaps.length}`);
    for (const gap of snapshot.gaps) lines.push(`  ${describeGap(gap)}`);
    const policy = fillingPolicy(snapshot);
    if (policy) {
      lines.push(
        snapshot.provider === 'aws'
          ? 'The read-only IAM policy that fills the denied gaps:'
          : 'The custom role that fills the denied gaps (az role definition create --role-definition):',
      );
      lines.push(JSON.stringify(policy, null, 2));
    }
  }
  return `${lines.join('\n')}\n`;
}
