/**
 * What the editor shows of a link: the hover beside a linked resource (live attributes next to the
 * declared ones, and when the snapshot was taken) and the code lens above each linked block. Pure
 * functions; the LSP handlers convert them.
 */
import type { TextRange } from '../protocol/findings';
import { display } from '../terraform/values';
import { declaredAttribute } from './declaredResources';
import { headerRange, type DriftItem, type DriftReport } from './drift';
import type { LinkResult, ResourceLink } from './linker';
import { liveResourceView } from './liveView';

/** Attributes shown first in a hover, when the live resource has them. */
const hoverAttributes = [
  'instance_state', 'state', 'status', 'instance_type', 'instance_class', 'cidr_block', 'availability_zone', 'private_ip', 'public_ip', 'name', 'description',
  'engine', 'engine_version', 'publicly_accessible', 'storage_encrypted', 'port', 'protocol', 'ssl_policy', 'internal', 'dns_name', 'address', 'service_name', 'domain',
];

const methodWords: Record<ResourceLink['method'], string> = {
  state: 'Terraform state',
  importBlock: 'import block',
  idLiteral: 'id literal',
  nameTag: 'Name tag',
  uniqueAttribute: 'unique attribute',
};

function cell(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/**
 * The hover markdown of a linked instance: the live id and how the link was made, a table of live
 * and declared values, the security-group rules, the tags, the drift of this instance, and when the
 * snapshot was taken.
 */
export function linkHoverMarkdown(link: ResourceLink, drift: readonly DriftItem[], snapshotTakenAt: string): string {
  const view = liveResourceView(link.live);
  const lines: string[] = [];
  lines.push(`**Live** ${cell(link.live.id)}${link.live.name !== link.live.id ? ` — ${link.live.name}` : ''}  `);
  lines.push(`${link.live.region}${link.live.zone ? ` (${link.live.zone})` : ''} · linked by ${methodWords[link.method]} (${link.confidence}): ${link.evidence}`);
  lines.push('');
  const rows: string[] = [];
  for (const name of hoverAttributes) {
    const live = view.attribute(name);
    if (!live) continue;
    const declared = declaredAttribute(link.instance, name);
    const differs = drift.some((d) => d.address === link.address && d.attribute === name);
    rows.push(`| ${name} | ${cell(display(live))}${differs ? ' ⚠' : ''} | ${declared ? cell(display(declared)) : '—'} |`);
  }
  if (rows.length > 0) lines.push('| attribute | live | code |', '|---|---|---|', ...rows, '');
  for (const direction of ['ingress', 'egress'] as const) {
    const blocks = view.blocks(direction);
    if (blocks.length === 0) continue;
    lines.push(`**${direction}** (live)`);
    for (const b of blocks) {
      if (b.kind !== 'object') continue;
      const e = b.entries;
      const protocol = e.protocol?.kind === 'string' && e.protocol.value === '-1' ? 'all' : display(e.protocol).replace(/"/g, '');
      const ports = protocol === 'all' ? '' : ` ${display(e.from_port)}${display(e.to_port) !== display(e.from_port) ? `-${display(e.to_port)}` : ''}`;
      const peers = ['cidr_blocks', 'ipv6_cidr_blocks', 'security_groups', 'prefix_list_ids'].flatMap((k) => (e[k]?.kind === 'list' ? e[k].items.map((i) => display(i).replace(/"/g, '')) : []));
      if (e.self?.kind === 'bool' && e.self.value) peers.push('self');
      lines.push(`- ${protocol}${ports} ${direction === 'ingress' ? 'from' : 'to'} ${peers.join(', ')}${e.description?.kind === 'string' ? ` — ${e.description.value}` : ''}`);
    }
    lines.push('');
  }
  const tags = Object.entries(link.live.tags);
  if (tags.length > 0) lines.push(`**tags** ${tags.map(([k, v]) => `${k}=${v}`).join(', ')}`, '');
  const mine = drift.filter((d) => d.kind !== 'unmanaged' && (d.liveId === link.live.id || (d.address === link.address && d.uri === link.instance.declaration.uri)));
  if (mine.length > 0) {
    lines.push(`**Drift** (${mine.length})`);
    for (const d of mine) lines.push(`- ${d.message}`);
    lines.push('');
  }
  lines.push(`_Snapshot taken ${snapshotTakenAt}_`);
  return lines.join('\n');
}

/** A code lens: where it stands and what it says. */
export interface LinkCodeLens {
  range: TextRange;
  title: string;
  /** The addresses of the instances it summarises. */
  addresses: string[];
}

function liveStatus(link: ResourceLink): string {
  const a = link.live.attributes;
  const status = a.state ?? a.status ?? a.accept_status;
  return typeof status === 'string' ? status : 'live';
}

/**
 * One lens above each declared block of `fileUri` with at least one linked instance: its live
 * status (for counted blocks, how many instances are linked) and how many drifts it has.
 */
export function codeLensesFor(fileUri: string, links: LinkResult, drift: DriftReport): LinkCodeLens[] {
  const byBlock = new Map<string, ResourceLink[]>();
  for (const link of links.links) {
    if (link.instance.declaration.uri !== fileUri) continue;
    const list = byBlock.get(link.instance.blockAddress) ?? [];
    list.push(link);
    byBlock.set(link.instance.blockAddress, list);
  }
  const out: LinkCodeLens[] = [];
  for (const [blockAddress, list] of byBlock) {
    const instances = links.declared.filter((d) => d.blockAddress === blockAddress).length;
    const addresses = new Set(list.map((l) => l.address));
    const count = drift.items.filter((d) => d.uri === fileUri && d.address !== undefined && (addresses.has(d.address) || (d.kind === 'ruleRemoved' && list.some((l) => l.live.id === d.liveId)) || (d.kind === 'unmanaged' && addresses.has(d.address)))).length;
    const statuses = [...new Set(list.map(liveStatus))].join(', ');
    const linked = instances > 1 || list[0].instance.indexKey !== undefined ? `${list.length} of ${instances} live` : list[0].live.id;
    out.push({
      range: headerRange(list[0].instance.block),
      title: `$(cloud) ${linked} · ${statuses} · ${count === 0 ? 'no drift' : `${count} drift${count === 1 ? '' : 's'}`}`,
      addresses: [...addresses],
    });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}
