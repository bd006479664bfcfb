/**
 * The parts every AWS mapper shares: where a resource lives (account and region), its tags and the
 * name a diagram shows. Mappers build only the fields of the allowlist; SDK objects go no further.
 */
import type { Tag } from '@aws-sdk/client-ec2';
import type { Relation, ResourceType } from '../../protocol/snapshot';
import type { UncheckedResource } from '../sanitiseResource';

/** The account and region a step reads. */
export interface AwsScope {
  account: string;
  region: string;
}

export interface AwsResourceFields {
  id: string;
  type: ResourceType;
  nativeType: string;
  tags?: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined;
  zone?: string | undefined;
  parent?: string | undefined;
  /** The name to show when there is no `Name` tag (a group name, a load balancer's name). */
  fallbackName?: string | undefined;
  attributes: UncheckedResource['attributes'];
  relations?: Relation[];
}

export function awsResource(scope: AwsScope, fields: AwsResourceFields): UncheckedResource {
  const tags = tagRecord(fields.tags);
  const resource: UncheckedResource = {
    id: fields.id,
    type: fields.type,
    provider: 'aws',
    nativeType: fields.nativeType,
    name: tags.Name ?? fields.fallbackName ?? fields.id,
    account: scope.account,
    region: scope.region,
    tags,
    attributes: fields.attributes,
    relations: fields.relations ?? [],
  };
  if (fields.zone) resource.zone = fields.zone;
  if (fields.parent) resource.parent = fields.parent;
  return resource;
}

export function tagRecord(tags: readonly Tag[] | readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  return out;
}
