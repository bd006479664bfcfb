import type { DiagramEdge, DiagramFinding, DiagramGraph, DiagramGroup, DiagramNode, DiagramSources, EdgeKind, GroupKind, NodeKind } from './diagramModel';
import type { DiagramResource } from './diagramResource';
import { byId, resourceElement } from './resourceElement';
import { ruleFindings, rulesOf } from './ruleFindings';

/** Resource kinds drawn as nodes in the infrastructure view (route tables, groups, listeners and target groups become edges). */
const drawnKinds = new Set(['instance', 'networkInterface', 'natGateway', 'internetGateway', 'egressOnlyInternetGateway', 'loadBalancer', 'database', 'endpoint', 'transitGatewayAttachment', 'peering']);

/** Options of the infrastructure view. */
export interface InfraOptions {
  /** Groups the user folded. */
  collapsed?: ReadonlySet<string>;
  /** A subnet with more members than this has its members' edges drawn to the subnet itself. */
  denseThreshold?: number;
}

const routeEdgeKinds: Record<string, EdgeKind> = {
  internetGateway: 'internet',
  egressOnlyInternetGateway: 'internet',
  internet: 'internet',
  natGateway: 'nat',
  peering: 'peering',
  endpoint: 'endpoint',
  transitGateway: 'transit',
};

/**
 * The infrastructure view: account → region → network → availability zone → subnet, with
 * instances, interfaces, gateways, load balancers and databases inside, route edges from subnets to
 * their gateways, peerings, endpoints and transit gateways, and load-balancer target edges.
 */
export function infraGraph(resources: readonly DiagramResource[], sources: DiagramSources, options: InfraOptions = {}): DiagramGraph {
  const byResourceId = new Map(resources.map((r) => [r.id, r]));
  const groups = new Map<string, DiagramGroup>();
  const nodes = new Map<string, DiagramNode>();
  const addGroup = (id: string, kind: GroupKind, label: string, parent: string | undefined, resource?: DiagramResource, findings: DiagramFinding[] = []): string => {
    if (groups.has(id)) return id;
    const base = resource ? resourceElement(resource, parent, findings) : { id, label, attributes: { kind }, tags: {}, findings, ...(parent ? { parent } : {}) };
    groups.set(id, { ...base, id, label, kind, collapsed: options.collapsed?.has(id) ?? false, memberCount: 0 });
    return id;
  };
  const regionOf = (r: DiagramResource): string => {
    const account = r.account || 'terraform';
    const accountId = addGroup(`account:${account}`, 'account', r.account ? `Account ${r.account}` : 'Terraform (account unknown)', undefined);
    return addGroup(`region:${account}/${r.region || 'unknown'}`, 'region', r.region || 'Region unknown', accountId);
  };

  // Security-group findings, for the resources that use the groups.
  const groupFindings = new Map<string, DiagramFinding[]>();
  for (const r of resources) {
    if (r.type !== 'securityGroup') continue;
    groupFindings.set(r.id, rulesOf(r.attributes).flatMap((rule) => ruleFindings(rule, r.provider, r.name)));
  }
  const findingsOf = (r: DiagramResource): DiagramFinding[] => {
    const out: DiagramFinding[] = [];
    for (const relation of r.relations) if (relation.kind === 'usesSecurityGroup') out.push(...(groupFindings.get(relation.to) ?? []));
    if (r.type === 'database' && r.attributes.publiclyAccessible === true) {
      out.push({ code: r.provider === 'azure' ? 'CG-AZ-DB-001' : 'CG-AWS-RDS-003', severity: 'error', message: `${r.name} is publicly accessible.` });
    }
    return out;
  };

  for (const r of resources) if (r.type === 'network') addGroup(r.id, 'network', r.name, regionOf(r), r, findingsOf(r));
  for (const r of resources) {
    if (r.type !== 'subnet') continue;
    let parent = r.parent && groups.has(r.parent) ? r.parent : regionOf(r);
    if (r.zone && groups.get(parent)?.kind === 'network') parent = addGroup(`zone:${parent}/${r.zone}`, 'zone', r.zone, parent);
    addGroup(r.id, 'subnet', r.name, parent, r, findingsOf(r));
  }

  // Interfaces attached to a drawn instance are folded into it.
  const attachedInterfaces = new Set(resources.filter((r) => r.type === 'networkInterface' && r.relations.some((x) => x.kind === 'attachedTo' && byResourceId.get(x.to)?.type === 'instance')).map((r) => r.id));
  for (const r of resources) {
    if (!drawnKinds.has(r.type) || attachedInterfaces.has(r.id)) continue;
    const parent = r.parent && groups.has(r.parent) ? r.parent : regionOf(r);
    nodes.set(r.id, { ...resourceElement(r, parent, findingsOf(r)), kind: r.type as NodeKind });
  }

  const edges = new Map<string, DiagramEdge>();
  const addEdge = (from: string, to: string, kind: EdgeKind, label?: string, drift?: DiagramEdge['drift']): void => {
    if (from === to) return;
    const id = `${kind}:${from}->${to}`;
    if (edges.has(id)) return;
    const edge: DiagramEdge = { id, from, to, kind, risky: false, findings: [] };
    if (label) edge.label = label;
    if (drift) edge.drift = drift;
    edges.set(id, edge);
  };
  const ensureInternet = (): string => {
    if (!nodes.has('internet')) nodes.set('internet', { id: 'internet', label: 'Internet', kind: 'internet', attributes: {}, tags: {}, findings: [] });
    return 'internet';
  };
  const ensureTransit = (r: DiagramResource, id: string): string => {
    const nodeId = `tgw:${id}`;
    if (!nodes.has(nodeId)) nodes.set(nodeId, { id: nodeId, label: id, kind: 'transitGateway', parent: regionOf(r), attributes: { id }, tags: {}, findings: [] });
    return nodeId;
  };

  // Route tables: explicit associations, else the network's main table.
  const explicit = new Set<string>();
  for (const r of resources) if (r.type === 'routeTable') for (const x of r.relations) if (x.kind === 'associatedWith') explicit.add(x.to);
  const subnetsOfNetwork = new Map<string, string[]>();
  for (const r of resources) if (r.type === 'subnet' && r.parent) subnetsOfNetwork.set(r.parent, [...(subnetsOfNetwork.get(r.parent) ?? []), r.id]);
  const tableSubnets = new Map<string, string[]>();
  for (const r of resources) {
    if (r.type !== 'routeTable') continue;
    const subnets = r.relations.filter((x) => x.kind === 'associatedWith' && groups.has(x.to)).map((x) => x.to);
    if (r.attributes.main === true && r.parent) subnets.push(...(subnetsOfNetwork.get(r.parent) ?? []).filter((s) => !explicit.has(s)));
    tableSubnets.set(r.id, subnets);
    const routes = Array.isArray(r.attributes.routes) ? r.attributes.routes : [];
    for (const route of routes) {
      if (typeof route !== 'object' || route === null || Array.isArray(route)) continue;
      const targetKind = typeof route.targetKind === 'string' ? route.targetKind : '';
      const kind = routeEdgeKinds[targetKind];
      if (!kind) continue;
      let target = typeof route.targetId === 'string' ? route.targetId : '';
      if (targetKind === 'internet') target = ensureInternet();
      else if (targetKind === 'transitGateway') target = ensureTransit(r, target);
      if (!nodes.has(target) && !groups.has(target)) continue;
      const destination = typeof route.destination === 'string' ? route.destination : undefined;
      for (const subnet of subnets) addEdge(subnet, target, kind, destination);
    }
  }
  for (const r of resources) {
    if (!nodes.has(r.id)) continue;
    for (const x of r.relations) {
      if ((r.type === 'internetGateway' || r.type === 'egressOnlyInternetGateway') && x.kind === 'attachedTo') addEdge(r.id, ensureInternet(), 'internet');
      if (r.type === 'peering' && x.kind === 'peers' && groups.has(x.to)) addEdge(r.id, x.to, 'peering');
      if (r.type === 'endpoint' && x.kind === 'associatedWith') for (const subnet of tableSubnets.get(x.to) ?? []) addEdge(subnet, r.id, 'endpoint');
      if (r.type === 'transitGatewayAttachment' && x.kind === 'attachedTo' && byResourceId.get(x.to)?.type !== 'network') addEdge(r.id, ensureTransit(r, x.to), 'transit');
    }
    if (r.type === 'transitGatewayAttachment' && typeof r.attributes.transitGatewayId === 'string' && !r.relations.some((x) => x.kind === 'attachedTo' && !groups.has(x.to))) {
      addEdge(r.id, ensureTransit(r, r.attributes.transitGatewayId), 'transit');
    }
  }

  // Load balancers → targets, through listeners and target groups (AWS) or directly (Azure).
  const targetsOf = (id: string, depth: number): { to: string; port?: string }[] => {
    const r = byResourceId.get(id);
    if (!r || depth > 3) return [];
    const out: { to: string; port?: string }[] = [];
    for (const x of r.relations) {
      if (x.kind !== 'targets') continue;
      const target = byResourceId.get(x.to);
      if (target?.type === 'targetGroup') out.push(...targetsOf(target.id, depth + 1).map((t) => ({ ...t, port: t.port ?? (target.attributes.port !== undefined ? String(target.attributes.port) : undefined) })));
      else out.push({ to: x.to });
    }
    return out;
  };
  for (const r of resources) {
    if (r.type !== 'loadBalancer' || !nodes.has(r.id)) continue;
    const entry = [r.id, ...resources.filter((l) => l.type === 'listener' && l.parent === r.id).map((l) => l.id)];
    for (const from of entry) {
      for (const target of targetsOf(from, 0)) {
        // An interface target attached to an instance is drawn as that instance.
        const t = byResourceId.get(target.to);
        const instance = t?.type === 'networkInterface' ? t.relations.find((x) => x.kind === 'attachedTo' && nodes.has(x.to))?.to : undefined;
        const to = instance ?? target.to;
        if (nodes.has(to)) addEdge(r.id, to, 'target', target.port ? `port ${target.port}` : undefined);
      }
    }
  }

  const graph: DiagramGraph = { view: 'infra', groups: [...groups.values()].sort(byId), nodes: [...nodes.values()].sort(byId), edges: [...edges.values()].sort(byId), sources };
  countMembers(graph);
  return foldEdges(graph, options.denseThreshold ?? 24);
}

function countMembers(graph: DiagramGraph): void {
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  for (const element of [...graph.groups, ...graph.nodes]) {
    for (let p = element.parent; p !== undefined; p = groups.get(p)?.parent) {
      const g = groups.get(p);
      if (!g) break;
      g.memberCount++;
    }
  }
}

/**
 * Redirects edges whose ends are hidden (inside a collapsed group) to the outermost collapsed
 * group, and edges of members of dense subnets to the subnet, merging the duplicates with a count.
 */
export function foldEdges(graph: DiagramGraph, denseThreshold: number): DiagramGraph {
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const parentOf = new Map<string, string | undefined>([...graph.groups, ...graph.nodes].map((e) => [e.id, e.parent]));
  const direct = new Map<string, number>();
  for (const n of graph.nodes) if (n.parent) direct.set(n.parent, (direct.get(n.parent) ?? 0) + 1);
  const visible = (id: string): string => {
    let shown = id;
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) if (groups.get(p)?.collapsed) shown = p;
    if (shown === id) {
      const parent = parentOf.get(id);
      const group = parent ? groups.get(parent) : undefined;
      if (group?.kind === 'subnet' && (direct.get(group.id) ?? 0) > denseThreshold && !groups.has(id)) return group.id;
    }
    return shown;
  };
  const merged = new Map<string, DiagramEdge>();
  for (const edge of graph.edges) {
    const from = visible(edge.from);
    const to = visible(edge.to);
    if (from === to) continue;
    if (from === edge.from && to === edge.to) {
      merged.set(edge.id, edge);
      continue;
    }
    const id = `${edge.kind}:${from}->${to}`;
    const existing = merged.get(id);
    if (existing) {
      existing.count = (existing.count ?? 1) + (edge.count ?? 1);
      existing.risky ||= edge.risky;
      existing.findings.push(...edge.findings);
      if (existing.label !== edge.label) delete existing.label;
    } else merged.set(id, { ...edge, id, from, to, findings: [...edge.findings], count: edge.count ?? 1 });
  }
  return { ...graph, edges: [...merged.values()].sort(byId) };
}
