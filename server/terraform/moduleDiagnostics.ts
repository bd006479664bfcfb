import type { Finding } from '../protocol/findings';
import type { Expr } from './expressions';
import type { FileModel } from './fileModel';
import { resolveReference } from './references';
import { terraformFunctions } from './terraformFunctions';
import { autoLoadedTfvars, type WorkspaceIndex } from './workspaceIndex';

export const undeclaredReferenceCode = 'CG-TF-UNDECLARED';
export const duplicateDeclarationCode = 'CG-TF-DUPLICATE';
export const unknownVariableCode = 'CG-TF-TFVARS-UNKNOWN';
export const unknownFunctionCode = 'CG-TF-UNKNOWN-FUNCTION';

const kindWords: Record<string, string> = {
  variable: 'variable', local: 'local value', output: 'output', module: 'module call', data: 'data source', resource: 'resource', provider: 'provider configuration',
};

/**
 * The findings of one file beyond its syntax: references to what its module does not declare,
 * declarations made twice, tfvars assignments no variable takes, calls of unknown functions.
 */
export function fileDiagnostics(index: WorkspaceIndex, file: FileModel, options: { wholeModule: boolean } = { wholeModule: true }): Finding[] {
  const findings: Finding[] = [...file.syntax];
  if (!options.wholeModule) {
    // Until every file of the module is indexed a declaration may yet appear: report only what
    // the file alone decides.
    if (file.kind === 'tf') unknownFunctionFindings(file, findings);
    return findings;
  }
  if (file.kind === 'tfvars') {
    // Terraform reads auto-loaded files itself; others (-var-file) may target any root.
    const module = index.module(file.moduleUri);
    const hasVariables = [...module.declarations.keys()].some((k) => k.startsWith('var.'));
    if (hasVariables && autoLoadedTfvars(file.uri) !== undefined) {
      for (const a of file.body.attributes) {
        if (!module.declarations.has(`var.${a.name}`)) {
          findings.push({ code: unknownVariableCode, severity: 'warning', message: `\`${a.name}\` is assigned here but no \`variable "${a.name}"\` block declares it`, range: a.nameRange });
        }
      }
    }
    return findings;
  }
  for (const site of file.references) {
    const resolved = resolveReference(index, file.moduleUri, site);
    if (resolved.kind === 'undeclared') findings.push({ code: undeclaredReferenceCode, severity: 'error', message: resolved.message, range: resolved.range });
  }
  const module = index.module(file.moduleUri);
  for (const [key, list] of module.declarations) {
    if (list.length < 2) continue;
    const first = list[0];
    for (const duplicate of list.slice(1)) {
      if (duplicate.uri !== file.uri) continue;
      const where = first.uri === file.uri ? `line ${first.selectionRange.start.line + 1}` : `${first.uri.slice(first.uri.lastIndexOf('/') + 1)}:${first.selectionRange.start.line + 1}`;
      findings.push({ code: duplicateDeclarationCode, severity: 'error', message: `Duplicate ${kindWords[duplicate.kind]} \`${displayKey(key)}\`: already declared at ${where}`, range: duplicate.selectionRange });
    }
  }
  unknownFunctionFindings(file, findings);
  return findings;
}

function unknownFunctionFindings(file: FileModel, findings: Finding[]): void {
  const visitCalls = (expr: Expr): void => walkExpr(expr, (e) => {
    if (e.kind === 'call' && !e.name.includes('::') && !terraformFunctions.has(e.name)) {
      findings.push({ code: unknownFunctionCode, severity: 'error', message: `Call to unknown function \`${e.name}\``, range: e.nameRange });
    }
  });
  const visitBody = (body: FileModel['body'], path: string[]): void => {
    // A variable's `type` is a type constraint (`list(object({…}))`), not function calls.
    for (const a of body.attributes) if (!(path.length === 1 && path[0] === 'variable' && a.name === 'type')) visitCalls(a.expr);
    for (const b of body.blocks) visitBody(b.body, [...path, b.type]);
  };
  visitBody(file.body, []);
}

function displayKey(key: string): string {
  return key.startsWith('output.') ? key.slice('output.'.length) : key;
}

/** Calls `visit` on every sub-expression, depth first. */
export function walkExpr(expr: Expr, visit: (e: Expr) => void): void {
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    visit(e);
    switch (e.kind) {
      case 'template':
        for (const p of e.parts) if (typeof p !== 'string') stack.push(p);
        break;
      case 'traversal':
        for (const s of e.steps) if (s.kind === 'index') stack.push(s.key);
        break;
      case 'call':
        stack.push(...e.args);
        break;
      case 'tuple':
        stack.push(...e.items);
        break;
      case 'object':
        for (const i of e.items) stack.push(i.key, i.value);
        break;
      case 'for':
        stack.push(e.collection, e.valueExpr);
        if (e.keyExpr) stack.push(e.keyExpr);
        if (e.condition) stack.push(e.condition);
        break;
      case 'conditional':
        stack.push(e.condition, e.then, e.else);
        break;
      case 'unary':
        stack.push(e.operand);
        break;
      case 'binary':
        stack.push(e.left, e.right);
        break;
      case 'index':
        stack.push(e.target, e.key);
        break;
      case 'getAttr':
        stack.push(e.target);
        break;
      case 'splat':
        stack.push(e.target);
        for (const s of e.steps) if (s.kind === 'index') stack.push(s.key);
        break;
      case 'unsupported':
        // Template directives (`%{if}`, `%{for}`) carry their equivalent expression.
        if (e.directive) stack.push(e.directive);
        break;
    }
  }
}
