/**
 * The compliance rules' view (`ResourceView`) of a cloud snapshot: each live resource, through its
 * Terraform-named `LiveResourceView`, answers a rule the way its Terraform declaration would, so
 * that the same rules report a risk made in the console. Live resources have no source text: ranges
 * are empty, and callers place a finding in code through the links (docs/linking.md).
 */
import type { TextRange } from '../protocol/findings';
import type { CloudSnapshot } from '../protocol/snapshot';
import type { ResourceView, ValuePath } from '../rules/ruleTypes';
import { fromJson, getPath, getStep, stringValue, unknown, type Value } from '../terraform/values';
import { liveResourceView, snapshotTypeOf, terraformTypeOf, type LiveResourceView } from './liveView';

/** The views of one snapshot's resources, by id and by Terraform type, shared by every view of it. */
export class SnapshotScope {
  private readonly byId = new Map<string, SnapshotResourceView>();
  private readonly byType = new Map<string, SnapshotResourceView[]>();

  constructor(readonly snapshot: CloudSnapshot) {
    for (const resource of snapshot.resources) {
      // A resource with no Terraform type is one no rule is written for.
      if (terraformTypeOf(resource) === undefined || this.byId.has(resource.id)) continue;
      const view = new SnapshotResourceView(this, liveResourceView(resource));
      this.byId.set(resource.id, view);
      const list = this.byType.get(view.type);
      if (list) list.push(view);
      else this.byType.set(view.type, [view]);
    }
  }

  /** Every resource with a Terraform type, in snapshot order. */
  resources(): SnapshotResourceView[] {
    return [...this.byId.values()];
  }

  /** The view of the resource with that provider id, if the snapshot holds it. */
  viewOf(id: string): SnapshotResourceView | undefined {
    return this.byId.get(id);
  }

  /** The live resources of a Terraform type; an alias (`aws_alb`) finds those of its canonical type (`aws_lb`). */
  resourcesOfType(type: string): SnapshotResourceView[] {
    const neutral = snapshotTypeOf(type);
    if (neutral === undefined) return [];
    const canonical = terraformTypeOf({ provider: type.startsWith('azurerm_') ? 'azure' : 'aws', type: neutral }) ?? type;
    return this.byType.get(canonical) ?? [];
  }
}

/**
 * One live resource, or one of its nested blocks (an `ingress` rule), as a rule sees it. Live values
 * are concrete, so every attribute that is there is "literal"; an attribute the snapshot does not
 * hold is `undefined`, which for a snapshot means "not recorded" rather than "not set" (see
 * `liveRuleFindings` for what that means for findings).
 */
export class SnapshotResourceView implements ResourceView {
  readonly kind: ResourceView['kind'] = 'resource';
  readonly type: string;
  readonly address: string;

  constructor(
    private readonly scope: SnapshotScope,
    /** The resource this view is, or the one its block belongs to. */
    readonly live: LiveResourceView,
    /** Where this block is inside the resource (`["ingress", 0]`); empty for the resource itself. */
    readonly blockPath: ValuePath = [],
    /** A nested block's fields; absent for the resource itself, which answers through `live`. */
    private readonly fields?: Readonly<Record<string, Value>>,
  ) {
    const resourceAddress = `live:${live.type}.${live.id}`;
    if (blockPath.length === 0) {
      this.type = live.type;
      this.address = resourceAddress;
    } else {
      // Like a Terraform nested block's view: its type is the block name, its address the resource's plus the block's.
      const name = [...blockPath].reverse().find((step): step is string => typeof step === 'string') ?? live.type;
      this.type = name;
      this.address = `${resourceAddress}${blockPath.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
    }
  }

  /** The provider id of the resource (of the resource the block belongs to). */
  get liveId(): string {
    return this.live.id;
  }

  attribute(path: string | ValuePath): Value | undefined {
    if (!this.fields) return this.live.attribute(path);
    const [name, ...rest] = typeof path === 'string' ? [path] : path;
    if (typeof name !== 'string' || !Object.hasOwn(this.fields, name)) return undefined;
    const v = this.fields[name];
    return rest.length > 0 ? getPath(v, rest) : v;
  }

  /**
   * True when the snapshot holds a value at the path, every step of it. `attribute()` answers a
   * missing step inside a value with Unknown, as the Terraform view does; this tells the two apart.
   */
  holds(path: string | ValuePath): boolean {
    const [name, ...rest] = typeof path === 'string' ? [path] : path;
    if (typeof name !== 'string') return false;
    let v = this.attribute(name);
    for (const step of rest) {
      if (v === undefined) return false;
      v = getStep(v, step);
    }
    return v !== undefined;
  }

  blocks(name: string): ResourceView[] {
    if (!this.fields) return this.blockViews(name, this.live.blocks(name), true);
    const v = Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
    if (v?.kind === 'list') return this.blockViews(name, v.items, true);
    // A single nested object (a listener action's `redirect`) is one block with no index.
    if (v?.kind === 'object') return this.blockViews(name, [v], false);
    return [];
  }

  private blockViews(name: string, values: readonly Value[], indexed: boolean): SnapshotResourceView[] {
    return values.flatMap((v, i) =>
      v.kind === 'object' ? [new SnapshotResourceView(this.scope, this.live, indexed ? [...this.blockPath, name, i] : [...this.blockPath, name], v.entries)] : [],
    );
  }

  text(name: string): string | undefined {
    const v = this.attribute(name);
    return v?.kind === 'string' ? v.value : undefined;
  }

  json(name: string): Value | undefined {
    const v = this.attribute(name);
    if (v === undefined) return undefined;
    // A structured value is already the document; a string that is not JSON is present but unreadable: Unknown, never "not set".
    if (v.kind === 'object' || v.kind === 'list') return v;
    if (v.kind !== 'string') return unknown;
    try {
      return fromJson(JSON.parse(v.value));
    } catch {
      return unknown;
    }
  }

  isLiteral(name: string): boolean {
    return this.attribute(name) !== undefined;
  }

  region(): Value {
    return stringValue(this.live.region);
  }

  /**
   * The ids an attribute holds. The live view writes a relation (a security group used, the subnet or
   * network a resource is in, a listener's load balancer) as the attribute Terraform names it with, so
   * resolving these ids through the snapshot follows relations and id-valued attributes alike.
   */
  private idsIn(name: string): string[] {
    const v = this.attribute(name);
    if (v?.kind === 'string') return [v.value];
    if (v?.kind === 'list') return v.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
    return [];
  }

  refersTo(name: string, target: ResourceView): boolean {
    if (!(target instanceof SnapshotResourceView) || target.blockPath.length > 0) return false;
    return this.idsIn(name).includes(target.liveId);
  }

  referenced(name: string): ResourceView | undefined {
    const found = new Set(this.idsIn(name).flatMap((id) => this.scope.viewOf(id) ?? []));
    return found.size === 1 ? [...found][0] : undefined;
  }

  rangeOf(_path?: string | ValuePath): TextRange {
    return zeroRange();
  }

  blockRange(): TextRange {
    return zeroRange();
  }
}

function zeroRange(): TextRange {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
