/**
 * Every resource instance the Terraform code of a workspace declares, addressed the way Terraform
 * addresses it (`module.exports.aws_s3_bucket.this`, `aws_subnet.main_public[1]`), each with an
 * evaluator bound to its `count.index` or `each.key`, so that its attributes evaluate as that
 * instance's.
 */
import type { Expr } from '../terraform/expressions';
import type { BlockModel } from '../terraform/fileModel';
import { ModuleEvaluator } from '../terraform/moduleEvaluator';
import { sortedKeys, type Value } from '../terraform/values';
import type { Declaration, WorkspaceIndex } from '../terraform/workspaceIndex';
import { instanceAddress } from './tfstate';

/** One instance of a `resource` or `data` block. */
export interface DeclaredInstance {
  /** Terraform's address: module path, type, name and index key (`data.` first for data sources). */
  address: string;
  /** The address of the block, without the index key. */
  blockAddress: string;
  kind: 'resource' | 'data';
  /** `''` for a root module, else `module.a` (nested: `module.a.module.b`). */
  module: string;
  moduleUri: string;
  /** The root module the instance belongs to: a state file describes one root module. */
  rootModuleUri: string;
  type: string;
  name: string;
  indexKey?: number | string;
  declaration: Declaration;
  block: BlockModel;
  /** Evaluates expressions of this instance: `count.index`, `each.*` and the module's variables bound. */
  evaluator: ModuleEvaluator;
  /** The AWS region (its provider configuration's `region`) or Azure `location`, when known. */
  region?: string;
}

/** Module calls nested deeper than this are not followed (a cycle of local modules). */
const maxModuleDepth = 10;

/** Lists the declared resource and data-source instances of every root module of the index. */
export function declaredInstances(index: WorkspaceIndex): DeclaredInstance[] {
  const out: DeclaredInstance[] = [];
  for (const moduleUri of index.moduleUris()) {
    if (index.callersOf(moduleUri).length > 0) continue;
    collectModule(index, moduleUri, moduleUri, '', undefined, new ModuleEvaluator(index, moduleUri), [], 0, out);
  }
  return out;
}

/** How a child module was called: the parent's evaluator and its `module` block. */
type ModuleCaller = ConstructorParameters<typeof ModuleEvaluator>[2];

function collectModule(index: WorkspaceIndex, rootModuleUri: string, moduleUri: string, modulePath: string, caller: ModuleCaller, evaluator: ModuleEvaluator, providerScopes: ModuleEvaluator[], depth: number, out: DeclaredInstance[]): void {
  const scopes = [evaluator, ...providerScopes];
  // Most resources of a module share a provider configuration: its region is evaluated once.
  const regions = new Map<string, string | undefined>();
  for (const [key, list] of index.module(moduleUri).declarations) {
    const declaration = list[0];
    const block = declaration.block;
    if (!block) continue;
    if (declaration.kind === 'resource' || declaration.kind === 'data') {
      const [type, name] = block.labels;
      const kind = declaration.kind;
      const blockAddress = `${modulePath ? `${modulePath}.` : ''}${kind === 'data' ? 'data.' : ''}${type}.${name}`;
      for (const { indexKey, instanceEvaluator } of expand(index, moduleUri, block, evaluator, caller)) {
        const region = regionOf(index, block, type, instanceEvaluator, scopes, regions);
        out.push({
          address: instanceAddress(modulePath, kind === 'data' ? `data.${type}` : type, name, indexKey),
          blockAddress,
          kind,
          module: modulePath,
          moduleUri,
          rootModuleUri,
          type,
          name,
          ...(indexKey !== undefined ? { indexKey } : {}),
          declaration,
          block,
          evaluator: instanceEvaluator,
          ...(region !== undefined ? { region } : {}),
        });
      }
    } else if (declaration.kind === 'module' && depth < maxModuleDepth && key.startsWith('module.')) {
      const child = index.childModuleUri(declaration);
      if (!child || block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each')) continue;
      const childCaller = { parent: evaluator, call: declaration };
      collectModule(index, rootModuleUri, child, `${modulePath ? `${modulePath}.` : ''}module.${block.labels[0]}`, childCaller, new ModuleEvaluator(index, child, childCaller), scopes, depth + 1, out);
    }
  }
}

/** The instances of a block: one without `count`/`for_each`, else one per index or key; none when the expansion cannot be known. */
function expand(index: WorkspaceIndex, moduleUri: string, block: BlockModel, evaluator: ModuleEvaluator, caller: ModuleCaller): { indexKey?: number | string; instanceEvaluator: ModuleEvaluator }[] {
  const count = block.body.attributes.find((a) => a.name === 'count');
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  if (count) {
    const n = evaluator.value(count.expr);
    if (n.kind !== 'number' || !Number.isInteger(n.value) || n.value < 0 || n.value > 10000) return [];
    return Array.from({ length: n.value }, (_, i) => ({ indexKey: i, instanceEvaluator: new ModuleEvaluator(index, moduleUri, caller, { countIndex: i }) }));
  }
  if (forEach) {
    const collection = evaluator.value(forEach.expr);
    const pairs: [string, Value][] = [];
    if (collection.kind === 'object') for (const k of sortedKeys(collection.entries)) pairs.push([k, collection.entries[k]]);
    else if (collection.kind === 'list') {
      for (const item of collection.items) {
        if (item.kind !== 'string') return [];
        pairs.push([item.value, item]);
      }
    } else return [];
    return pairs.map(([k, v]) => ({ indexKey: k, instanceEvaluator: new ModuleEvaluator(index, moduleUri, caller, { each: { key: { kind: 'string', value: k }, value: v } }) }));
  }
  return [{ instanceEvaluator: evaluator }];
}

/**
 * The region of a resource: Azure's own `location`; AWS's provider configuration's `region`, found
 * in the resource's module or, for the default configuration, in a calling module.
 */
function regionOf(index: WorkspaceIndex, block: BlockModel, type: string, evaluator: ModuleEvaluator, scopes: ModuleEvaluator[], cache: Map<string, string | undefined>): string | undefined {
  const own = block.body.attributes.find((a) => a.name === (type.startsWith('azurerm_') ? 'location' : 'region'));
  if (own) {
    const v = evaluator.value(own.expr);
    return v.kind === 'string' ? v.value.toLowerCase().replace(/\s+/g, '') : undefined;
  }
  if (type.startsWith('azurerm_')) return undefined;
  const providerName = type.slice(0, type.indexOf('_'));
  const providerAttr = block.body.attributes.find((a) => a.name === 'provider');
  let key = `provider.${providerName}`;
  if (providerAttr?.expr.kind === 'traversal') {
    const alias = providerAttr.expr.steps[0];
    key = alias?.kind === 'attr' ? `provider.${providerAttr.expr.root}.${alias.name}` : `provider.${providerAttr.expr.root}`;
  }
  if (cache.has(key)) return cache.get(key);
  const region = providerRegion(index, key, scopes);
  cache.set(key, region);
  return region;
}

function providerRegion(index: WorkspaceIndex, key: string, scopes: ModuleEvaluator[]): string | undefined {
  for (const scope of scopes) {
    const provider = index.declaration(scope.moduleUri, key);
    if (!provider?.block) continue;
    const region = provider.block.body.attributes.find((a) => a.name === 'region');
    if (!region) return undefined;
    const v = scope.value(region.expr);
    return v.kind === 'string' ? v.value : undefined;
  }
  return undefined;
}

/** Evaluated attributes per instance: linking, drift and the hover read the same ones. */
const attributeCache = new WeakMap<DeclaredInstance, Map<string, Value | undefined>>();

/** The value of an instance's attribute (nested blocks as a list of objects); `undefined` when not written. */
export function declaredAttribute(instance: DeclaredInstance, name: string): Value | undefined {
  let cache = attributeCache.get(instance);
  if (!cache) attributeCache.set(instance, (cache = new Map()));
  if (cache.has(name)) return cache.get(name);
  const value = evaluateAttribute(instance, name);
  cache.set(name, value);
  return value;
}

function evaluateAttribute(instance: DeclaredInstance, name: string): Value | undefined {
  const a = instance.block.body.attributes.find((x) => x.name === name);
  if (a) return instance.evaluator.value(a.expr);
  const nested = instance.block.body.blocks.filter((b) => b.type === name);
  if (nested.length === 0) return undefined;
  return { kind: 'list', items: nested.map((b) => instance.evaluator.blockValue(b)) };
}

/**
 * The resource instance an expression names, when it is a reference to one resource of the same
 * module (`aws_vpc.main.id`, `aws_subnet.a[0].id`, `aws_subnet.a[count.index].id`), with the
 * attribute read from it.
 */
export function referencedInstance(expr: Expr, instance: Pick<DeclaredInstance, 'module' | 'evaluator'>, index: WorkspaceIndex): { address: string; attribute?: string } | undefined {
  if (expr.kind !== 'traversal') return undefined;
  const reserved = new Set(['var', 'local', 'module', 'count', 'each', 'path', 'self', 'terraform']);
  if (reserved.has(expr.root)) return undefined;
  const isData = expr.root === 'data';
  const steps = [...expr.steps];
  let type = expr.root;
  if (isData) {
    const t = steps.shift();
    if (t?.kind !== 'attr') return undefined;
    type = t.name;
  }
  const nameStep = steps.shift();
  if (nameStep?.kind !== 'attr') return undefined;
  const key = `${isData ? 'data.' : ''}${type}.${nameStep.name}`;
  const declaration = index.declaration(instance.evaluator.moduleUri, key);
  if (!declaration?.block) return undefined;
  const counted = declaration.block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
  let indexKey: number | string | undefined;
  if (counted) {
    const step = steps.shift();
    if (step?.kind !== 'index') return undefined;
    const k = instance.evaluator.value(step.key);
    if (k.kind === 'number') indexKey = k.value;
    else if (k.kind === 'string') indexKey = /^\d+$/.test(k.value) && declaration.block.body.attributes.some((a) => a.name === 'count') ? Number(k.value) : k.value;
    else return undefined;
  }
  const attribute = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
  return { address: instanceAddress(instance.module, isData ? `data.${type}` : type, nameStep.name, indexKey), ...(attribute !== undefined ? { attribute } : {}) };
}
