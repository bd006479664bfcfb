import type { AttributeValue } from '../protocol/snapshot';
import type { DiagramElement, DiagramFinding } from './diagramModel';
import type { DiagramResource } from './diagramResource';

/** Past this length an attribute's text is cut: the panel shows a summary, not a dump. */
const maxAttributeText = 300;

function attributeText(value: AttributeValue): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > maxAttributeText ? `${s.slice(0, maxAttributeText - 1)}…` : s;
}

/** The fields every element drawn for a resource has: its attributes as text, tags, drift and source. */
export function resourceElement(resource: DiagramResource, parent: string | undefined, findings: DiagramFinding[]): DiagramElement {
  const attributes: Record<string, string> = { id: resource.id, type: resource.nativeType };
  if (resource.account) attributes.account = resource.account;
  if (resource.region) attributes.region = resource.region;
  if (resource.zone) attributes.zone = resource.zone;
  for (const key of Object.keys(resource.attributes).sort()) {
    const value = resource.attributes[key];
    if (key === 'rules' || key === 'routes') attributes[key] = `${Array.isArray(value) ? value.length : 0} ${key}`;
    else attributes[key] = attributeText(value);
  }
  const element: DiagramElement = { id: resource.id, label: resource.name || resource.id, attributes, tags: { ...resource.tags }, findings };
  if (parent) element.parent = parent;
  if (resource.drift) element.drift = resource.drift;
  if (resource.changes) element.changes = [...resource.changes];
  if (resource.source) element.source = resource.source;
  if (resource.address) element.address = resource.address;
  return element;
}

/** Sorts by id, byte-wise, so that the same input always gives the same order. */
export function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
