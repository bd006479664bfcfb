/**
 * The last step at the importer's edge: every resource passes through here before it joins a
 * snapshot. Attributes outside the type's allowlist are dropped; tags, names and every string
 * inside the attributes are checked for secrets, and a secret-looking value is replaced by
 * `[redacted]` (its tag key is kept, so that the user can see and fix it in the console).
 */
import { redactedValue, type AttributeValue, type CloudResource } from '../protocol/snapshot';
import { attributeAllowlist } from './attributeAllowlist';
import { isSecretKeyName, looksSecret } from './secretPatterns';

/** Counts the values replaced, for the snapshot's statistics. */
export interface RedactionCounter {
  redacted: number;
}

/** A resource as a mapper builds it: attributes may still hold `undefined` for absent fields. */
export type UncheckedResource = Omit<CloudResource, 'attributes'> & {
  attributes: Record<string, AttributeValue | undefined>;
};

export function sanitiseResource(resource: UncheckedResource, counter: RedactionCounter): CloudResource {
  const allowed = new Set(attributeAllowlist[resource.type]);
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(resource.attributes)) {
    if (value === undefined || !allowed.has(key)) continue;
    attributes[key] = redactDeep(value, counter);
  }
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(resource.tags)) {
    if (looksSecret(key)) {
      counter.redacted++;
      continue;
    }
    if (isSecretKeyName(key) || looksSecret(value)) {
      counter.redacted++;
      tags[key] = redactedValue;
    } else {
      tags[key] = value;
    }
  }
  let name = resource.name;
  if (looksSecret(name)) {
    counter.redacted++;
    name = resource.id;
  }
  const out: CloudResource = { ...resource, name, tags, attributes };
  if (out.zone === undefined) delete out.zone;
  if (out.parent === undefined) delete out.parent;
  return out;
}

function redactDeep(value: AttributeValue, counter: RedactionCounter): AttributeValue {
  if (typeof value === 'string') {
    if (!looksSecret(value)) return value;
    counter.redacted++;
    return redactedValue;
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, counter));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, AttributeValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (isSecretKeyName(key) && typeof item === 'string') {
        counter.redacted++;
        out[key] = redactedValue;
      } else {
        out[key] = redactDeep(item, counter);
      }
    }
    return out;
  }
  return value;
}
