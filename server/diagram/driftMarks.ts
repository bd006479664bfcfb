import type { DriftReport } from '../link/drift';
import type { LinkResult } from '../link/linker';
import type { AttributeValue, CloudResource } from '../protocol/snapshot';
import type { DiagramResource } from './diagramResource';
import { ruleLabel, rulesOf } from './ruleFindings';

/** The names a resource may be known by: its Name tag, its group name, its database identifier. */
function namesOf(resource: CloudResource, fromCode: boolean): string[] {
  const names = [resource.tags.Name, resource.attributes.groupName, resource.attributes.identifier];
  if (!fromCode || resource.name !== resource.id) names.push(resource.name);
  return names.filter((n): n is string => typeof n === 'string' && n !== '');
}

function text(v: AttributeValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * What differs between the code's and the live resource, for the attributes both sides know.
 * Values the code cannot know (left out of its attributes) are never a difference.
 */
function differences(code: DiagramResource, live: CloudResource, idMap: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const compare = (label: string, a: string | undefined, b: string | undefined): void => {
    if (a !== undefined && b !== undefined && a !== b) out.push(`${label}: ${a} in code, ${b} live`);
  };
  for (const name of ['cidrBlock', 'instanceType', 'engine', 'instanceClass', 'scheme', 'publiclyAccessible']) compare(name, text(code.attributes[name]), text(live.attributes[name]));
  const codeCidrs = code.attributes.cidrBlocks;
  const liveCidrs = live.attributes.cidrBlocks;
  if (Array.isArray(codeCidrs) && Array.isArray(liveCidrs)) compare('cidrBlocks', [...codeCidrs].map(String).sort().join(', '), [...liveCidrs].map(String).sort().join(', '));
  if (code.type === 'securityGroup') {
    const codeRules = rulesOf(code.attributes);
    if (codeRules.every((r) => !(r as { unknownPorts?: boolean }).unknownPorts)) {
      const signature = (resource: CloudResource, map: (id: string) => string): Set<string> =>
        new Set(rulesOf(resource.attributes).filter((r) => !r.isDefault).flatMap((r) => r.peers.map((p) => `${r.direction} ${r.action} ${ruleLabel(r)} ${p.kind === 'cidr' ? p.cidr : p.kind === 'securityGroup' ? map(p.id === 'self' ? resource.id : p.id) : p.kind === 'prefixList' ? p.id : p.tag}`)));
      const a = signature(code, (id) => idMap.get(id) ?? id);
      const b = signature(live, (id) => id);
      for (const s of a) if (!b.has(s)) out.push(`rule only in code: ${s}`);
      for (const s of b) if (!a.has(s)) out.push(`rule only live: ${s}`);
    }
  }
  return out;
}

/**
 * Joins the Terraform resources and a snapshot's resources into one list with drift marks. A code
 * resource matches the live resource of the same kind that carries the same name (Name tag, group
 * name, database identifier). Matched resources keep the live id and structure and gain the code's
 * declaration; code-only resources keep their address, with their references redirected to the
 * live resources they matched, so they are drawn where they would be created.
 */
export function withDrift(code: readonly DiagramResource[], live: readonly CloudResource[], linked?: { links: LinkResult; drift: DriftReport }): DiagramResource[] {
  if (linked) return withLinks(code, live, linked.links, linked.drift);
  const liveByName = new Map<string, CloudResource[]>();
  for (const resource of live) {
    for (const name of namesOf(resource, false)) {
      const key = `${resource.type}\u0000${name}`;
      const list = liveByName.get(key) ?? [];
      if (!list.includes(resource)) list.push(resource);
      liveByName.set(key, list);
    }
  }
  const matched = new Map<string, DiagramResource>();
  const idMap = new Map<string, string>();
  for (const resource of code) {
    for (const name of namesOf(resource, true)) {
      const candidate = liveByName.get(`${resource.type}\u0000${name}`)?.find((l) => !matched.has(l.id));
      if (candidate) {
        matched.set(candidate.id, resource);
        idMap.set(resource.id, candidate.id);
        break;
      }
    }
  }
  const out: DiagramResource[] = [];
  for (const resource of live) {
    const twin = matched.get(resource.id);
    if (!twin) {
      out.push({ ...resource, drift: 'liveOnly' });
      continue;
    }
    const changes = differences(twin, resource, idMap);
    const merged: DiagramResource = { ...resource, source: twin.source, address: twin.address };
    if (changes.length > 0) {
      merged.drift = 'changed';
      merged.changes = changes;
    }
    out.push(merged);
  }
  out.push(...codeOnly(code, live, idMap));
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Joins code and live through the linker's links (terraform.tfstate, import blocks, unique names)
 * and marks what its drift report found. A counted or `for_each` block is drawn as its live
 * instances; a block with no linked instance is drawn where it would be created (code only). Live
 * resources AWS makes along with managed ones (a VPC's default group, an instance's interface) carry
 * no mark; other live resources no code declares are "only live".
 */
function withLinks(code: readonly DiagramResource[], live: readonly CloudResource[], links: LinkResult, drift: DriftReport): DiagramResource[] {
  const codeById = new Map(code.map((r) => [r.id, r]));
  const liveTwin = new Map<string, DiagramResource>();
  const idMap = new Map<string, string>();
  for (const link of links.links) {
    const twin = codeById.get(link.instance.blockAddress);
    if (!twin || liveTwin.has(link.live.id)) continue;
    liveTwin.set(link.live.id, { ...twin, address: link.address });
    if (!idMap.has(twin.id)) idMap.set(twin.id, link.live.id);
  }
  const changesByLive = new Map<string, string[]>();
  for (const item of drift.items) {
    if (!item.liveId || item.kind === 'unmanaged' || item.kind === 'missing') continue;
    const list = changesByLive.get(item.liveId) ?? [];
    list.push(item.message);
    changesByLive.set(item.liveId, list);
  }
  const implicit = new Set(drift.implicit.map((r) => r.id));
  const out: DiagramResource[] = [];
  for (const resource of live) {
    const twin = liveTwin.get(resource.id);
    if (!twin) {
      out.push(implicit.has(resource.id) ? { ...resource } : { ...resource, drift: 'liveOnly' });
      continue;
    }
    const merged: DiagramResource = { ...resource, address: twin.address };
    if (twin.source) merged.source = twin.source;
    const changes = changesByLive.get(resource.id);
    if (changes && changes.length > 0) {
      merged.drift = 'changed';
      merged.changes = changes;
    }
    out.push(merged);
  }
  out.push(...codeOnly(code, live, idMap));
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The code resources no live one stands for, drawn where they would be created: inside the live
 * parent their own parent matched, with references redirected to the live resources they matched.
 */
function codeOnly(code: readonly DiagramResource[], live: readonly CloudResource[], idMap: ReadonlyMap<string, string>): DiagramResource[] {
  const accounts = [...new Set(live.map((r) => r.account))];
  const liveById = new Map(live.map((r) => [r.id, r]));
  const out: DiagramResource[] = [];
  for (const resource of code) {
    if (idMap.has(resource.id)) continue;
    const parent = resource.parent ? idMap.get(resource.parent) ?? resource.parent : undefined;
    const parentLive = parent ? liveById.get(parent) : undefined;
    const moved: DiagramResource = {
      ...resource,
      drift: 'codeOnly',
      account: parentLive?.account ?? (accounts.length === 1 ? accounts[0] : resource.account),
      region: resource.region || parentLive?.region || '',
      relations: resource.relations.map((r) => ({ ...r, to: idMap.get(r.to) ?? r.to })),
    };
    if (parent) moved.parent = parent;
    out.push(moved);
  }
  return out;
}
