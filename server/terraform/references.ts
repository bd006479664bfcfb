import type { TextRange } from '../protocol/findings';
import type { ReferenceSite } from './fileModel';
import type { Declaration, WorkspaceIndex } from './workspaceIndex';

/** Roots Terraform itself provides, which no declaration backs. */
const builtinRoots = new Set(['each', 'count', 'path', 'self', 'terraform']);

/** What a reference points at. */
export type ResolvedReference =
  | {
      kind: 'declaration';
      declaration: Declaration;
      /** The range inside the reference that names the declaration (`var.x` → `x`; `aws_vpc.main` → `aws_vpc.main`). */
      nameRange: TextRange;
      /** For `module.m.out`: the child module's output, when the child is a local module that declares it. */
      output?: { declaration: Declaration; nameRange: TextRange };
    }
  | { kind: 'builtin' }
  | { kind: 'undeclared'; message: string; range: TextRange }
  /** Too little to resolve yet (`var.` while typing), or a form this index does not follow. */
  | { kind: 'incomplete' };

const span = (a: TextRange, b: TextRange): TextRange => ({ start: a.start, end: b.end });

/** Resolves a reference written in a module of the index. */
export function resolveReference(index: WorkspaceIndex, moduleUri: string, site: ReferenceSite): ResolvedReference {
  const { root, names, nameRanges, rootRange } = site;
  if (site.role === 'provider') {
    const key = names.length > 0 ? `provider.${root}.${String(names[0])}` : `provider.${root}`;
    const declaration = index.declaration(moduleUri, key);
    if (declaration) return { kind: 'declaration', declaration, nameRange: site.range };
    // A default provider configuration needs no block; an alias does.
    if (names.length === 0) return { kind: 'builtin' };
    return { kind: 'undeclared', message: `Reference to undeclared provider configuration \`${root}.${String(names[0])}\`: add a \`provider "${root}"\` block with \`alias = "${String(names[0])}"\``, range: site.range };
  }
  if (builtinRoots.has(root) || site.dynamicIterators.includes(root)) return { kind: 'builtin' };
  const first = names[0];
  if (typeof first !== 'string') return { kind: 'incomplete' };
  const lookup = (key: string): Declaration | undefined => index.declaration(moduleUri, key);
  switch (root) {
    case 'var': {
      const declaration = lookup(`var.${first}`);
      if (declaration) return { kind: 'declaration', declaration, nameRange: nameRanges[0] };
      return { kind: 'undeclared', message: `Reference to undeclared input variable \`var.${first}\`: add a \`variable "${first}"\` block`, range: span(rootRange, nameRanges[0]) };
    }
    case 'local': {
      const declaration = lookup(`local.${first}`);
      if (declaration) return { kind: 'declaration', declaration, nameRange: nameRanges[0] };
      return { kind: 'undeclared', message: `Reference to undeclared local value \`local.${first}\`: declare it in a \`locals\` block`, range: span(rootRange, nameRanges[0]) };
    }
    case 'module': {
      const declaration = lookup(`module.${first}`);
      if (!declaration) return { kind: 'undeclared', message: `Reference to undeclared module \`module.${first}\``, range: span(rootRange, nameRanges[0]) };
      const outputName = names[1];
      const child = index.childModuleUri(declaration);
      if (typeof outputName === 'string' && child && index.module(child).files.length > 0) {
        const output = index.declaration(child, `output.${outputName}`);
        if (!output) {
          return { kind: 'undeclared', message: `Module \`${first}\` (${child.slice(child.lastIndexOf('/') + 1)}) has no output named \`${outputName}\``, range: nameRanges[1] };
        }
        return { kind: 'declaration', declaration, nameRange: nameRanges[0], output: { declaration: output, nameRange: nameRanges[1] } };
      }
      return { kind: 'declaration', declaration, nameRange: nameRanges[0] };
    }
    case 'data': {
      const name = names[1];
      if (typeof name !== 'string') return { kind: 'incomplete' };
      const declaration = lookup(`data.${first}.${name}`);
      if (declaration) return { kind: 'declaration', declaration, nameRange: span(rootRange, nameRanges[1]) };
      return { kind: 'undeclared', message: `Reference to undeclared data source \`data.${first}.${name}\``, range: span(rootRange, nameRanges[1]) };
    }
    default: {
      const declaration = lookup(`${root}.${first}`);
      if (declaration) return { kind: 'declaration', declaration, nameRange: span(rootRange, nameRanges[0]) };
      return { kind: 'undeclared', message: `Reference to undeclared resource \`${root}.${first}\`: no \`resource "${root}" "${first}"\` in this module`, range: span(rootRange, nameRanges[0]) };
    }
  }
}
