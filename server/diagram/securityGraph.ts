import type { RulePeer } from '../protocol/snapshot';
import type { DiagramEdge, DiagramGraph, DiagramNode, DiagramSources, NodeKind } from './diagramModel';
import type { DiagramResource } from './diagramResource';
import { byId, resourceElement } from './resourceElement';
import { isWorldPeer, ruleFindings, ruleLabel, rulesOf } from './ruleFindings';

/**
 * The security-group view: every security group, and every source or destination its rules name
 * (address ranges, the Internet as one node, prefix lists, service tags, groups outside the
 * snapshot), with an edge per pair carrying the allowed protocols and ports. Edges of world-open
 * admin or database ports and of all-port rules are marked risky and carry their findings.
 */
export function securityGraph(resources: readonly DiagramResource[], sources: DiagramSources): DiagramGraph {
  const nodes = new Map<string, DiagramNode>();
  const edges = new Map<string, DiagramEdge & { labels: string[] }>();
  const groupIds = new Set(resources.filter((r) => r.type === 'securityGroup').map((r) => r.id));
  const peerNode = (peer: RulePeer, self: string): string => {
    if (isWorldPeer(peer)) return ensure('internet', 'internet', 'Internet', {});
    switch (peer.kind) {
      case 'cidr':
        return ensure(`cidr:${peer.cidr}`, 'cidr', peer.cidr, { cidr: peer.cidr });
      case 'prefixList':
        return ensure(`prefixList:${peer.id}`, 'prefixList', peer.id, { prefixList: peer.id });
      case 'serviceTag':
        return ensure(`serviceTag:${peer.tag}`, 'serviceTag', peer.tag, { serviceTag: peer.tag });
      case 'securityGroup': {
        const id = peer.id === 'self' ? self : peer.id;
        if (groupIds.has(id)) return id;
        return ensure(id, 'externalGroup', id, { id, ...(peer.account ? { account: peer.account } : {}), note: 'not in this snapshot or workspace' });
      }
    }
  };
  const ensure = (id: string, kind: NodeKind, label: string, attributes: Record<string, string>): string => {
    if (!nodes.has(id)) nodes.set(id, { id, kind, label, attributes, tags: {}, findings: [] });
    return id;
  };
  for (const r of resources) {
    if (r.type !== 'securityGroup') continue;
    const findings = rulesOf(r.attributes).flatMap((rule) => ruleFindings(rule, r.provider, r.name));
    nodes.set(r.id, { ...resourceElement(r, undefined, findings), kind: 'securityGroup' });
  }
  for (const r of resources) {
    if (r.type !== 'securityGroup') continue;
    for (const rule of rulesOf(r.attributes)) {
      if (rule.action !== 'allow' || rule.isDefault) continue;
      const findings = ruleFindings(rule, r.provider, r.name);
      const label = ruleLabel(rule);
      for (const peer of rule.peers) {
        const other = peerNode(peer, r.id);
        const [from, to] = rule.direction === 'inbound' ? [other, r.id] : [r.id, other];
        const id = `traffic:${from}->${to}`;
        const edge = edges.get(id) ?? { id, from, to, kind: 'traffic' as const, risky: false, findings: [], labels: [] };
        if (!edge.labels.includes(label)) edge.labels.push(label);
        // Only the world-open findings belong on the edge from the Internet.
        if (isWorldPeer(peer)) {
          for (const f of findings) if (!edge.findings.some((e) => e.message === f.message)) edge.findings.push(f);
        }
        edge.risky = edge.findings.length > 0;
        edges.set(id, edge);
      }
    }
  }
  const finalEdges = [...edges.values()].map(({ labels, ...edge }) => ({ ...edge, label: labels.join(', ') })).sort(byId);
  return { view: 'security', groups: [], nodes: [...nodes.values()].sort(byId), edges: finalEdges, sources };
}
