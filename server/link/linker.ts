/**
 * Links each declared Terraform resource instance to the live resource it manages. Terraform's own
 * state is the authority (address → id); without a state entry, an `import` block's id, a data
 * source's literal `id`, the `Name` tag, and attributes that identify a resource within its
 * network (a VPC's CIDR in its region, a security group's name in its VPC, a subnet's CIDR in its
 * VPC, a database identifier, a load balancer or target group name, a listener's port on its load
 * balancer) are tried in that order. A heuristic that finds several candidates, or a live resource
 * that two declarations claim, makes no link: an ambiguous match is reported, never guessed.
 */
import type { CloudResource, CloudSnapshot, ResourceType } from '../protocol/snapshot';
import { literalString } from '../terraform/staticText';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';
import { declaredAttribute, declaredInstances, referencedInstance, type DeclaredInstance } from './declaredResources';
import { snapshotTypeOf } from './liveView';
import type { TerraformState } from './tfstate';

/** How a link was made, from the most to the least certain. */
export type LinkMethod = 'state' | 'importBlock' | 'idLiteral' | 'nameTag' | 'uniqueAttribute';

/** How sure a link is: `certain` from Terraform's own records, `high` from a unique name, `medium` from a unique address range. */
export type LinkConfidence = 'certain' | 'high' | 'medium';

/** One declared instance joined to its live resource. */
export interface ResourceLink {
  address: string;
  instance: DeclaredInstance;
  live: CloudResource;
  method: LinkMethod;
  confidence: LinkConfidence;
  /** What matched, in words: `terraform.tfstate`, `Name tag "northwind-production-app-1"`, `CIDR 10.20.0.0/16 in eu-west-1`. */
  evidence: string;
}

/** A declared instance that several live resources could be, or that shares its only candidate with another declaration. */
export interface AmbiguousMatch {
  address: string;
  instance: DeclaredInstance;
  candidates: string[];
  evidence: string;
}

/** The result of linking a workspace to a snapshot. */
export interface LinkResult {
  snapshot: CloudSnapshot;
  /** The state files used, one per root module. */
  states: TerraformState[];
  declared: DeclaredInstance[];
  links: ResourceLink[];
  ambiguous: AmbiguousMatch[];
  /** State entries whose id the snapshot does not hold, by address (their live resource is gone, or out of the snapshot's reach). */
  stateIds: Map<DeclaredInstance, string>;
  /** Links by `instanceKey(rootModuleUri, address)`: addresses repeat across root modules. */
  byAddress: Map<string, ResourceLink>;
  /** Several links can share a live resource (a peering connection and its accepter). */
  byLiveId: Map<string, ResourceLink[]>;
}

/** The key of an instance in `LinkResult.byAddress`: its root module and its address. */
export function instanceKey(rootModuleUri: string, address: string): string {
  return `${rootModuleUri}#${address}`;
}

/** The link of an address; the first root module's that has it when `rootModuleUri` is not given. */
export function findLink(result: LinkResult, address: string, rootModuleUri?: string): ResourceLink | undefined {
  if (rootModuleUri !== undefined) return result.byAddress.get(instanceKey(rootModuleUri, address));
  return result.links.find((l) => l.address === address);
}

/** Order of linking: networks first, so that subnets and groups can be matched inside their linked network. */
const typeTier: Partial<Record<ResourceType, number>> = { network: 0, subnet: 1, securityGroup: 1, loadBalancer: 1, routeTable: 1, listener: 2 };

/**
 * Links the root modules of `index` to `snapshot`, through the state files given: each applies to
 * the root module named by its `rootModuleUri`, or to every root module when that is not set.
 */
export function linkWorkspace(index: WorkspaceIndex, snapshot: CloudSnapshot, stateOrStates?: TerraformState | readonly TerraformState[]): LinkResult {
  const states = stateOrStates === undefined ? [] : Array.isArray(stateOrStates) ? [...(stateOrStates as readonly TerraformState[])] : [stateOrStates as TerraformState];
  const declared = declaredInstances(index);
  const liveById = new Map<string, CloudResource>();
  for (const r of snapshot.resources) liveById.set(r.id, r);
  const result: LinkResult = { snapshot, states, declared, links: [], ambiguous: [], stateIds: new Map(), byAddress: new Map(), byLiveId: new Map() };
  const add = (instance: DeclaredInstance, live: CloudResource, method: LinkMethod, confidence: LinkConfidence, evidence: string): void => {
    const link: ResourceLink = { address: instance.address, instance, live, method, confidence, evidence };
    result.links.push(link);
    result.byAddress.set(instanceKey(instance.rootModuleUri, instance.address), link);
    const list = result.byLiveId.get(live.id) ?? [];
    list.push(link);
    result.byLiveId.set(live.id, list);
  };

  // Terraform's records first: they are the truth about which object an address manages.
  const settled = new Set<DeclaredInstance>();
  const stateMaps = states.map((state) => ({ state, byAddress: new Map(state.instances.map((s) => [s.address, s])) }));
  const importIds = importBlockIds(index, declared);
  for (const instance of declared) {
    const owner = instance.kind === 'resource' ? stateMaps.find((s) => s.state.rootModuleUri === undefined || s.state.rootModuleUri === instance.rootModuleUri) : undefined;
    const entry = owner?.byAddress.get(instance.address);
    const state = owner?.state;
    if (entry) {
      settled.add(instance);
      const live = (entry.id !== undefined ? liveById.get(entry.id) : undefined) ?? (entry.arn !== undefined ? liveById.get(entry.arn) : undefined);
      if (live) add(instance, live, 'state', 'certain', `${basename(state?.file)} records ${entry.id ?? entry.arn}`);
      else if (entry.id !== undefined) result.stateIds.set(instance, entry.id);
      continue;
    }
    const imported = importIds.get(instance.address);
    if (imported !== undefined) {
      settled.add(instance);
      const live = liveById.get(imported);
      if (live) add(instance, live, 'importBlock', 'certain', `import block id ${imported}`);
      else result.stateIds.set(instance, imported);
      continue;
    }
    if (instance.kind === 'data') {
      const id = declaredString(instance, 'id');
      settled.add(instance);
      const live = id !== undefined ? liveById.get(id) : undefined;
      if (live) add(instance, live, 'idLiteral', 'certain', `id ${id}`);
    }
  }

  // Heuristics, tier by tier: each live resource may be claimed by one declaration only.
  const claimed = new Set(result.links.map((l) => l.live.id));
  const pools = new Map<string, CloudResource[]>();
  // Per pool, the live resources by each identifying attribute, built the first time it is asked for.
  const keyed = new Map<string, Map<string, CloudResource[]>>();
  const lookup = (poolKey: string, by: LiveKey, value: string): CloudResource[] => {
    let map = keyed.get(`${poolKey}\u0000${by}`);
    if (!map) {
      map = new Map();
      for (const r of pools.get(poolKey) ?? []) {
        for (const k of liveKeys[by](r)) {
          const list = map.get(k) ?? [];
          list.push(r);
          map.set(k, list);
        }
      }
      keyed.set(`${poolKey}\u0000${by}`, map);
    }
    return map.get(value) ?? [];
  };
  const poolOf = (key: string): CloudResource[] => {
    let list = pools.get(key);
    if (!list) pools.set(key, (list = []));
    return list;
  };
  for (const r of snapshot.resources) {
    poolOf(`${r.provider} ${r.type}`).push(r);
    poolOf(`${r.provider} ${r.type} ${r.region}`).push(r);
  }
  const pending = declared.filter((d) => !settled.has(d) && d.kind === 'resource' && snapshotTypeOf(d.type) !== undefined);
  const tiers = [...new Set(pending.map((d) => typeTier[snapshotTypeOf(d.type)!] ?? 1))].sort();
  for (const tier of tiers) {
    const claims = new Map<string, { instance: DeclaredInstance; method: LinkMethod; confidence: LinkConfidence; evidence: string }[]>();
    for (const instance of pending.filter((d) => (typeTier[snapshotTypeOf(d.type)!] ?? 1) === tier)) {
      const neutral = snapshotTypeOf(instance.type)!;
      const key = `${providerOf(instance.type)} ${neutral}${instance.region === undefined ? '' : ` ${instance.region}`}`;
      const pool = (by: LiveKey, value: string): CloudResource[] => lookup(key, by, value).filter((r) => !claimed.has(r.id));
      const match = matchHeuristically(instance, pool, result, index);
      if (!match) continue;
      if (match.candidates.length > 1) {
        result.ambiguous.push({ address: instance.address, instance, candidates: match.candidates.map((c) => c.id), evidence: match.evidence });
        continue;
      }
      const list = claims.get(match.candidates[0].id) ?? [];
      list.push({ instance, method: match.method, confidence: match.confidence, evidence: match.evidence });
      claims.set(match.candidates[0].id, list);
    }
    for (const [liveId, list] of claims) {
      if (list.length === 1) {
        add(list[0].instance, liveById.get(liveId)!, list[0].method, list[0].confidence, list[0].evidence);
        claimed.add(liveId);
      } else {
        for (const c of list) result.ambiguous.push({ address: c.instance.address, instance: c.instance, candidates: [liveId], evidence: `${c.evidence}, also claimed by ${list.filter((o) => o !== c).map((o) => o.instance.address).join(', ')}` });
      }
    }
  }
  return result;
}

function basename(file: string | undefined): string {
  if (!file) return 'terraform.tfstate';
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

function providerOf(terraformType: string): 'aws' | 'azure' {
  return terraformType.startsWith('azurerm_') ? 'azure' : 'aws';
}

function declaredString(instance: DeclaredInstance, name: string): string | undefined {
  const v = declaredAttribute(instance, name);
  return v?.kind === 'string' ? v.value : undefined;
}

function nameTag(instance: DeclaredInstance): string | undefined {
  const tags = declaredAttribute(instance, 'tags');
  const name = tags?.kind === 'object' ? tags.entries.Name : undefined;
  return name?.kind === 'string' ? name.value : undefined;
}

/**
 * The live id an attribute of an instance names: a literal id, or a reference to a resource that
 * is already linked. `undefined` when it cannot be known.
 */
export function liveIdOf(instance: DeclaredInstance, name: string, links: LinkResult, index: WorkspaceIndex): string | undefined {
  const attribute = instance.block.body.attributes.find((a) => a.name === name);
  if (!attribute) return undefined;
  const literal = literalString(attribute.expr);
  if (literal !== undefined) return literal;
  const target = referencedInstance(attribute.expr, instance, index);
  if (!target || (target.attribute !== undefined && target.attribute !== 'id' && target.attribute !== 'arn')) return undefined;
  return links.byAddress.get(instanceKey(instance.rootModuleUri, target.address))?.live.id;
}

/** The identifying attributes live resources are indexed by. */
type LiveKey = 'nameTag' | 'cidr' | 'groupName' | 'identifier' | 'name' | 'listener';

const liveKeys: Record<LiveKey, (r: CloudResource) => string[]> = {
  nameTag: (r) => (r.tags.Name !== undefined ? [r.tags.Name] : []),
  cidr: (r) => {
    const a = r.attributes;
    if (typeof a.cidrBlock === 'string') return [a.cidrBlock];
    return Array.isArray(a.cidrBlocks) ? a.cidrBlocks.filter((c): c is string => typeof c === 'string') : [];
  },
  groupName: (r) => (typeof r.attributes.groupName === 'string' ? [r.attributes.groupName] : []),
  identifier: (r) => (typeof r.attributes.identifier === 'string' ? [r.attributes.identifier] : []),
  name: (r) => [r.name],
  listener: (r) => (r.parent !== undefined && typeof r.attributes.port === 'number' ? [`${r.parent} ${r.attributes.port}`] : []),
};

/** Attributes that name one resource within its network or region, by Terraform type. */
function matchHeuristically(
  instance: DeclaredInstance,
  poolOf: (by: LiveKey, value: string) => CloudResource[],
  links: LinkResult,
  index: WorkspaceIndex,
): { candidates: CloudResource[]; method: LinkMethod; confidence: LinkConfidence; evidence: string } | undefined {
  const tag = nameTag(instance);
  if (tag !== undefined) {
    const candidates = poolOf('nameTag', tag);
    if (candidates.length > 0) return { candidates, method: 'nameTag', confidence: 'high', evidence: `Name tag "${tag}"` };
  }
  const where = instance.region ? ` in ${instance.region}` : '';
  const byAttribute = (evidence: string, confidence: LinkConfidence, by: LiveKey, value: string, test: (r: CloudResource) => boolean = () => true): ReturnType<typeof matchHeuristically> => {
    const candidates = poolOf(by, value).filter(test);
    return candidates.length > 0 ? { candidates, method: 'uniqueAttribute', confidence, evidence } : undefined;
  };
  const parentTest = (attr: string, parentOf: (r: CloudResource) => string | undefined): { ok: (r: CloudResource) => boolean; text: string } => {
    const id = liveIdOf(instance, attr, links, index);
    return id === undefined ? { ok: () => true, text: where } : { ok: (r) => parentOf(r) === id, text: ` in ${id}` };
  };
  switch (instance.type) {
    case 'aws_vpc': {
      const cidr = declaredString(instance, 'cidr_block');
      if (cidr === undefined) return undefined;
      return byAttribute(`CIDR ${cidr}${where}`, 'medium', 'cidr', cidr);
    }
    case 'aws_subnet': {
      const cidr = declaredString(instance, 'cidr_block');
      if (cidr === undefined) return undefined;
      const vpc = parentTest('vpc_id', (r) => r.parent);
      return byAttribute(`CIDR ${cidr}${vpc.text}`, 'medium', 'cidr', cidr, vpc.ok);
    }
    case 'aws_security_group': {
      const name = declaredString(instance, 'name');
      if (name === undefined) return undefined;
      const vpc = parentTest('vpc_id', (r) => r.parent);
      return byAttribute(`group name "${name}"${vpc.text}`, 'high', 'groupName', name, vpc.ok);
    }
    case 'aws_db_instance': {
      const identifier = declaredString(instance, 'identifier');
      if (identifier === undefined) return undefined;
      return byAttribute(`identifier "${identifier}"${where}`, 'high', 'identifier', identifier);
    }
    case 'aws_lb':
    case 'aws_alb':
    case 'aws_lb_target_group':
    case 'aws_alb_target_group': {
      const name = declaredString(instance, 'name');
      if (name === undefined) return undefined;
      return byAttribute(`name "${name}"${where}`, 'high', 'name', name);
    }
    case 'aws_lb_listener':
    case 'aws_alb_listener': {
      const port = declaredAttribute(instance, 'port');
      const lb = liveIdOf(instance, 'load_balancer_arn', links, index);
      if (port?.kind !== 'number' || lb === undefined) return undefined;
      return byAttribute(`port ${port.value} on ${lb}`, 'high', 'listener', `${lb} ${port.value}`);
    }
    default:
      return undefined;
  }
}

/** `import { to = aws_vpc.main  id = "vpc-…" }` blocks of each module, by the instance address they name. */
function importBlockIds(index: WorkspaceIndex, declared: DeclaredInstance[]): Map<string, string> {
  const out = new Map<string, string>();
  const roots = new Set(declared.filter((d) => d.module === '').map((d) => d.moduleUri));
  for (const moduleUri of roots) {
    for (const file of index.module(moduleUri).files) {
      for (const block of file.body.blocks) {
        if (block.type !== 'import') continue;
        const to = block.body.attributes.find((a) => a.name === 'to');
        const id = literalString(block.body.attributes.find((a) => a.name === 'id')?.expr);
        if (!to || id === undefined || to.expr.kind !== 'traversal') continue;
        const probe = declared.find((d) => d.moduleUri === moduleUri && d.module === '');
        if (!probe) continue;
        const target = referencedInstance({ ...to.expr, steps: [...to.expr.steps, { kind: 'attr', name: 'id', range: to.expr.range }] }, probe, index);
        if (target) out.set(target.address, id);
      }
    }
  }
  return out;
}
