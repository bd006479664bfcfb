import * as assert from 'node:assert/strict';
import { buildDiagram } from '../../../server/diagram/buildDiagram';
import { renderHtml, renderSvg } from '../../../server/diagram/renderSvg';
import type { CloudSnapshot } from '../../../server/protocol/snapshot';

const evil = '<script>alert(1)</script>"onload="alert(2)\' onmouseover=\'x';

const snapshot: CloudSnapshot = {
  format: 'cartograph.snapshot',
  version: 1,
  provider: 'aws',
  importedAt: '2025-01-01T00:00:00.000Z',
  identities: [{ provider: 'aws', account: '1' }],
  regions: ['eu-west-1'],
  resources: [
    { id: 'vpc-1', type: 'network', provider: 'aws', nativeType: 'AWS::EC2::VPC', name: evil, account: '1', region: 'eu-west-1', tags: { Name: evil, [evil]: evil }, attributes: {}, relations: [] },
    { id: `subnet-"${evil}`, type: 'subnet', provider: 'aws', nativeType: 'AWS::EC2::Subnet', name: evil, account: '1', region: 'eu-west-1', zone: evil, parent: 'vpc-1', tags: {}, attributes: {}, relations: [] },
    { id: 'i-1', type: 'instance', provider: 'aws', nativeType: 'AWS::EC2::Instance', name: evil, account: '1', region: evil, parent: `subnet-"${evil}`, tags: { Role: evil }, attributes: {}, relations: [] },
    {
      id: 'sg-1', type: 'securityGroup', provider: 'aws', nativeType: 'AWS::EC2::SecurityGroup', name: evil, account: '1', region: 'eu-west-1', tags: {}, relations: [],
      attributes: { rules: [{ direction: 'inbound', action: 'allow', protocol: evil, ports: null, peers: [{ kind: 'cidr', cidr: evil }, { kind: 'cidr', cidr: '0.0.0.0/0' }] }] },
    },
  ],
  gaps: [],
  stats: { calls: 1, succeededCalls: 1, durationMs: 1, redactedValues: 0 },
};

/** Every tag and attribute the output contains, by a tolerant scan: what a browser would parse. */
function markup(text: string): { tags: string[]; attributes: string[] } {
  const tags: string[] = [];
  const attributes: string[] = [];
  for (const m of text.matchAll(/<([A-Za-z][\w:-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    tags.push(m[1].toLowerCase());
    for (const a of m[2].matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)) attributes.push(a[1].toLowerCase());
  }
  return { tags, attributes };
}

describe('diagram output escaping', () => {
  for (const view of ['infra', 'security'] as const) {
    for (const [format, render] of [['SVG', (l: ReturnType<typeof buildDiagram>) => renderSvg(l)], ['HTML', (l: ReturnType<typeof buildDiagram>) => renderHtml(l, evil)]] as const) {
      it(`keeps cloud-supplied names and tags inert in ${format} (${view} view)`, () => {
        const out = render(buildDiagram({ snapshot: { snapshot, label: evil }, view }));
        assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the name is shown, as text');
        const { tags, attributes } = markup(out);
        assert.ok(!tags.includes('script'), 'no script element');
        assert.deepEqual(attributes.filter((a) => a.startsWith('on')), [], 'no event-handler attribute');
        assert.ok(!/<script/i.test(out));
      });
    }
  }
});
