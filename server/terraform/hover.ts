import type { TextPosition } from '../protocol/findings';
import type { BlockModel, FileModel } from './fileModel';
import { ModuleEvaluator } from './moduleEvaluator';
import { dynamicBlockOf, symbolAt } from './navigation';
import { resourceDescriptions } from './resourceDescriptions';
import { display, getPath, type Value } from './values';
import { literalString } from './staticText';
import type { Declaration, WorkspaceIndex } from './workspaceIndex';

/** Key attributes shown first in a resource's hover, when it has them. */
const keyAttributes = ['cidr_block', 'cidr_blocks', 'ipv6_cidr_blocks', 'address_space', 'address_prefixes', 'region', 'availability_zone', 'instance_type', 'engine', 'engine_version', 'publicly_accessible', 'storage_encrypted', 'kms_key_id', 'port', 'protocol', 'ssl_policy', 'from_port', 'to_port', 'type', 'vpc_id', 'subnet_id', 'name', 'bucket', 'tags'];
const maxAttributes = 10;

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const valueText = (v: Value): string => (v.kind === 'unknown' ? '_(known after apply)_' : code(display(v)));

/** Markdown for a hover at `position`, or undefined where there is nothing to say. */
export function hoverAt(index: WorkspaceIndex, file: FileModel, position: TextPosition): { markdown: string; range?: { start: TextPosition; end: TextPosition } } | undefined {
  const symbol = symbolAt(index, file, position);
  if (!symbol) return undefined;
  const evaluator = new ModuleEvaluator(index, file.moduleUri);
  switch (symbol.kind) {
    case 'reference': {
      const { resolved, site } = symbol;
      if (resolved.kind === 'undeclared') return { markdown: resolved.message, range: resolved.range };
      const dynamic = resolved.kind === 'builtin' ? dynamicBlockOf(file, site) : undefined;
      if (dynamic) return { markdown: describeIterator(evaluator, dynamic, site.root), range: site.range };
      if (resolved.kind !== 'declaration') return undefined;
      if (resolved.output && symbol.part >= 1) {
        const childUri = index.childModuleUri(resolved.declaration);
        const value = evaluator.moduleOutput(resolved.declaration.name.slice('module.'.length), resolved.output.declaration.name);
        return { markdown: [`**output** ${code(resolved.output.declaration.name)} of ${code(resolved.declaration.name)}${childUri ? ` (${code(relative(file.moduleUri, childUri))})` : ''}`, description(resolved.output.declaration), `Value: ${valueText(value)}`].filter(Boolean).join('\n\n'), range: site.range };
      }
      // On an attribute of a resource or data source (`aws_subnet.s["b"].cidr_block`): that value.
      const nameParts = resolved.declaration.kind === 'data' ? 2 : 1;
      if ((resolved.declaration.kind === 'resource' || resolved.declaration.kind === 'data') && symbol.part >= nameParts) {
        const path = [site.root, ...site.names.slice(0, symbol.part + 1)];
        const { value, consumed } = evaluator.resolve(path);
        const shown = path.map((p, i) => (i === 0 ? String(p) : typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
        return { markdown: `${code(shown)} = ${valueText(getPath(value, path.slice(consumed)))}`, range: { start: site.range.start, end: site.nameRanges[symbol.part].end } };
      }
      return { markdown: describe(index, evaluator, resolved.declaration), range: site.range };
    }
    case 'declaration':
      return { markdown: describe(index, evaluator, symbol.declaration), range: symbol.declaration.selectionRange };
    case 'argument': {
      const value = evaluator.value(symbol.attribute.expr);
      const lines = [`**argument** ${code(symbol.attribute.name)} of ${code(symbol.call.name)} = ${valueText(value)}`];
      if (symbol.variable) lines.push(description(symbol.variable));
      else lines.push(`The module at this source declares no \`variable "${symbol.attribute.name}"\`.`);
      return { markdown: lines.filter(Boolean).join('\n\n'), range: symbol.attribute.nameRange };
    }
    case 'attribute': {
      if (!(symbol.attribute.nameRange.start.line <= position.line && position.line <= symbol.attribute.nameRange.end.line && position.character <= symbol.attribute.nameRange.end.character)) return undefined;
      const path = symbol.blocks.map((b) => [b.type, ...b.labels.map((l) => JSON.stringify(l))].join(' ')).join(' › ');
      return { markdown: `${code(symbol.attribute.name)} = ${valueText(evaluator.value(symbol.attribute.expr))}${path ? `\n\n_in ${path.replace(/_/g, '\\_')}_` : ''}`, range: symbol.attribute.nameRange };
    }
    case 'block': {
      const top = symbol.blocks[0];
      if (symbol.blocks.length !== 1 || !(position.line === top.typeRange.start.line)) return undefined;
      const key = declarationKeyOf(top);
      const declaration = key ? index.declaration(file.moduleUri, key) : undefined;
      return declaration ? { markdown: describe(index, evaluator, declaration), range: top.typeRange } : undefined;
    }
  }
}

/** What a `dynamic` block's iterator stands for: one element of its `for_each` per block it makes. */
function describeIterator(evaluator: ModuleEvaluator, block: BlockModel, name: string): string {
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  const lines = [
    `**iterator** ${code(name)} of \`dynamic "${block.labels[0] ?? ''}"\``,
    `One \`${block.labels[0] ?? ''}\` block for each element of \`for_each\`: ${code(`${name}.key`)} is the element's index or key, ${code(`${name}.value`)} the element.`,
  ];
  if (forEach) lines.push(`for_each = ${valueText(evaluator.value(forEach.expr))}`);
  return lines.join('\n\n');
}

function declarationKeyOf(block: BlockModel): string | undefined {
  const [a, b] = block.labels;
  if (block.type === 'resource' && a && b) return `${a}.${b}`;
  if (block.type === 'data' && a && b) return `data.${a}.${b}`;
  if (block.type === 'variable' && a) return `var.${a}`;
  if (block.type === 'output' && a) return `output.${a}`;
  if (block.type === 'module' && a) return `module.${a}`;
  return undefined;
}

function description(d: Declaration): string {
  return literalString(d.block?.body.attributes.find((a) => a.name === 'description')?.expr) ?? '';
}

function relative(from: string, to: string): string {
  if (to.startsWith(`${from}/`)) return `./${to.slice(from.length + 1)}`;
  return to.slice(to.lastIndexOf('/') + 1);
}

/** The hover of a declaration: what it is, its description, and its evaluated key values. */
function describe(index: WorkspaceIndex, evaluator: ModuleEvaluator, d: Declaration): string {
  const lines: string[] = [];
  const where = `${d.uri.slice(d.uri.lastIndexOf('/') + 1)}:${d.selectionRange.start.line + 1}`;
  switch (d.kind) {
    case 'variable': {
      lines.push(`**variable** ${code(d.name)} _(${where})_`);
      const desc = description(d);
      if (desc) lines.push(desc);
      const type = d.block?.body.attributes.find((a) => a.name === 'type');
      if (type) lines.push(`Type: ${code(type.expr.kind === 'traversal' && type.expr.steps.length === 0 ? type.expr.root : 'complex')}`);
      lines.push(`Value: ${valueText(evaluator.variable(d.name))}`);
      const sensitive = d.block?.body.attributes.find((a) => a.name === 'sensitive');
      if (sensitive && evaluator.value(sensitive.expr).kind === 'bool') lines.push('Marked sensitive.');
      break;
    }
    case 'local':
      lines.push(`**local** ${code(d.name)} = ${valueText(evaluator.local(d.name))} _(${where})_`);
      break;
    case 'output': {
      lines.push(`**output** ${code(d.name)} _(${where})_`);
      const desc = description(d);
      if (desc) lines.push(desc);
      const value = d.block?.body.attributes.find((a) => a.name === 'value');
      if (value) lines.push(`Value: ${valueText(evaluator.value(value.expr))}`);
      break;
    }
    case 'module': {
      const child = index.childModuleUri(d);
      lines.push(`**module** ${code(d.name)} _(${where})_`);
      const source = d.block?.body.attributes.find((a) => a.name === 'source');
      if (source) lines.push(`Source: ${valueText(evaluator.value(source.expr))}${child && index.module(child).files.length === 0 ? ' — the folder holds no Terraform files' : ''}`);
      break;
    }
    case 'resource':
    case 'data': {
      const [type, name] = d.block?.labels ?? [];
      lines.push(`**${d.kind === 'data' ? 'data source' : 'resource'}** ${code(type ?? '')} ${code(name ?? '')} _(${where})_`);
      const what = type ? resourceDescriptions[type] : undefined;
      if (what) lines.push(what);
      if (d.block) {
        const count = d.block.body.attributes.find((a) => a.name === 'count' || a.name === 'for_each');
        const rows: string[] = [];
        if (count) rows.push(`| ${count.name} | ${valueText(evaluator.value(count.expr))} |`);
        const attributes = [...d.block.body.attributes].filter((a) => a.name !== 'count' && a.name !== 'for_each');
        attributes.sort((a, b) => rank(a.name) - rank(b.name));
        for (const a of attributes.slice(0, maxAttributes)) rows.push(`| ${a.name} | ${count ? '_(per instance)_' : valueText(evaluator.value(a.expr)).replace(/\|/g, '\\|')} |`);
        if (rows.length) lines.push(['| attribute | value |', '|---|---|', ...rows].join('\n'));
      }
      break;
    }
    case 'provider':
      lines.push(`**provider** ${code(d.name)} _(${where})_`);
      for (const a of d.block?.body.attributes ?? []) if (a.name === 'region' || a.name === 'alias') lines.push(`${a.name}: ${valueText(evaluator.value(a.expr))}`);
      break;
  }
  return lines.join('\n\n');
}

function rank(name: string): number {
  const i = keyAttributes.indexOf(name);
  return i === -1 ? keyAttributes.length : i;
}
