/**
 * The parts every Azure mapper shares: the subscription and resource group from a resource id, the
 * location, the zone and the tags. Mappers build only the fields of the allowlist.
 */
import type { Relation, ResourceType } from '../../protocol/snapshot';
import type { UncheckedResource } from '../sanitiseResource';

export interface AzureResourceFields {
  id: string;
  type: ResourceType;
  nativeType: string;
  name?: string | undefined;
  location?: string | undefined;
  zones?: readonly string[] | undefined;
  tags?: Record<string, string> | undefined;
  parent?: string | undefined;
  attributes: UncheckedResource['attributes'];
  relations?: Relation[];
}

/** The subscription a resource id names: `/subscriptions/<id>/…`. */
export function subscriptionOf(id: string): string {
  return /^\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? '';
}

/** The resource group a resource id names: `…/resourceGroups/<name>/…`. */
export function resourceGroupOf(id: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
}

/** The id of the resource that holds a child: a NIC's id from one of its IP configuration ids. */
export function parentIdOf(childId: string | undefined, childCollection: string): string | undefined {
  if (!childId) return undefined;
  const at = childId.toLowerCase().lastIndexOf(`/${childCollection.toLowerCase()}/`);
  return at > 0 ? childId.slice(0, at) : undefined;
}

export function azureResource(fields: AzureResourceFields, fallbackLocation?: string): UncheckedResource {
  const resource: UncheckedResource = {
    id: fields.id,
    type: fields.type,
    provider: 'azure',
    nativeType: fields.nativeType,
    name: fields.name ?? fields.id.split('/').pop() ?? fields.id,
    account: subscriptionOf(fields.id),
    region: fields.location ?? fallbackLocation ?? '',
    tags: { ...(fields.tags ?? {}) },
    attributes: { resourceGroup: resourceGroupOf(fields.id), ...fields.attributes },
    relations: fields.relations ?? [],
  };
  const zone = fields.zones?.[0];
  if (zone) resource.zone = `${resource.region}-${zone}`;
  if (fields.parent) resource.parent = fields.parent;
  return resource;
}
