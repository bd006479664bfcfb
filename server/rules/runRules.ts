import type { FileFindings, Finding, TextRange } from '../protocol/findings';
import type { FileModel } from '../terraform/fileModel';
import { ModuleEvaluator } from '../terraform/moduleEvaluator';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';
import { ruleDocsUrl } from './allRules';
import { enabledRules, ruleSettings, type RuleOptions } from './profiles';
import type { RuleContext, ResourceView } from './ruleTypes';
import { ruleApplies, ruleSelector } from './ruleSelection';
import { applySuppressions } from './suppressions';
import { keyOf, TerraformResourceView, viewOfBlock, viewsOfFile, type TerraformScope } from './terraformResourceView';

/** A text edit in one file: replace `range` with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  range: TextRange;
  newText: string;
}

/** A finding of a compliance rule, with what the editor needs for code actions. */
export interface RuleFinding extends Finding {
  /** The resource (or provider, variable) it concerns: `aws_db_instance.reporting`. */
  address: string;
  /** The line of the resource's block header, above which a suppression comment goes. */
  blockLine: number;
  /** The column of the block header, so that the inserted comment is indented like it. */
  blockColumn: number;
  /** The last line of the resource's block, for suppressions written inside it. */
  blockEndLine: number;
  /** The rule's documentation page (`codeDescription.href` of the diagnostic). */
  docs: string;
  /** A safe fix, when the rule has one. */
  fix?: { title: string; edit: TextEdit };
}

/** Reuses views and evaluators of one module across the rules of one run. */
class ModuleScope implements TerraformScope {
  readonly evaluator: ModuleEvaluator;
  private readonly views = new Map<string, TerraformResourceView | undefined>();
  private readonly byType = new Map<string, ResourceView[]>();
  private readonly evaluators = new Map<string, ModuleEvaluator>();

  constructor(
    readonly index: WorkspaceIndex,
    readonly moduleUri: string,
  ) {
    this.evaluator = new ModuleEvaluator(index, moduleUri);
    this.evaluators.set(moduleUri, this.evaluator);
  }

  evaluatorOf(moduleUri: string): ModuleEvaluator {
    let e = this.evaluators.get(moduleUri);
    if (!e) this.evaluators.set(moduleUri, (e = new ModuleEvaluator(this.index, moduleUri)));
    return e;
  }

  viewOf(key: string): TerraformResourceView | undefined {
    if (this.views.has(key)) return this.views.get(key);
    const declaration = this.index.declaration(this.moduleUri, key);
    const view = declaration?.block ? viewOfBlock(this, declaration.block, declaration.uri, key) : undefined;
    this.views.set(key, view);
    return view;
  }

  resourcesOfType(type: string): ResourceView[] {
    let list = this.byType.get(type);
    if (!list) {
      list = [];
      for (const file of this.index.module(this.moduleUri).files) {
        for (const block of file.body.blocks) {
          if (block.type !== 'resource' || block.labels[0] !== type) continue;
          const key = keyOf(block);
          const view = key ? this.viewOf(key) : undefined;
          if (view) list.push(view);
        }
      }
      this.byType.set(type, list);
    }
    return list;
  }
}

/** Options for a run beyond the profiles: where the docs pages are published. */
export interface RunOptions extends RuleOptions {
  /** Base URI of the docs pages (see `ruleDocsUrl`). */
  docsBase?: string;
}

/**
 * Runs the enabled compliance rules over one file's resources, providers and variables. The module
 * around the file is read for cross-resource checks; values the evaluator cannot know never fire a
 * rule. Findings are sorted by position; suppressions are applied separately (`applySuppressions`).
 */
export function runRules(index: WorkspaceIndex, file: FileModel, options: RunOptions): RuleFinding[] {
  if (file.kind !== 'tf') return [];
  const rules = enabledRules(options);
  if (rules.length === 0) return [];
  const scope = new ModuleScope(index, file.moduleUri);
  const context: RuleContext = { settings: ruleSettings(options), resourcesOfType: (type) => scope.resourcesOfType(type) };
  const findings: RuleFinding[] = [];
  for (const view of viewsOfFile(scope, file)) {
    const key = ruleSelector(view);
    for (const rule of rules) {
      if (!ruleApplies(rule, key)) continue;
      let violations;
      try {
        violations = rule.check(view, context);
      } catch (error) {
        // A rule that fails on odd input must not take the others down; it says nothing.
        void error;
        continue;
      }
      for (const v of violations) {
        const range = v.at.rangeOf(v.path);
        const block = view.blockRange();
        const finding: RuleFinding = {
          code: rule.id,
          severity: rule.severity,
          message: v.message,
          range,
          address: view.address,
          blockLine: block.start.line,
          blockColumn: block.start.character,
          blockEndLine: block.end.line,
          docs: ruleDocsUrl(rule.id, options.docsBase),
        };
        const edit = v.fix ? fixEdit(v.fix.target, v.fix.attribute, v.fix.hcl) : undefined;
        if (v.fix && edit) finding.fix = { title: v.fix.title, edit };
        findings.push(finding);
      }
    }
  }
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : 1));
}

/** Sets an attribute: replaces its value when it is written, else inserts it as the block's first line. */
function fixEdit(target: ResourceView, attribute: string, hcl: string): TextEdit | undefined {
  if (!(target instanceof TerraformResourceView)) return undefined;
  const existing = target.block.body.attributes.find((a) => a.name === attribute);
  if (existing) return { range: existing.expr.range, newText: hcl };
  const block = target.blockRange();
  // A block written on one line (`{}`) has no line to insert into: no fix rather than a broken one.
  if (block.start.line === block.end.line) return undefined;
  const at = { line: block.start.line + 1, character: 0 };
  return { range: { start: at, end: at }, newText: `${' '.repeat(block.start.character + 2)}${attribute} = ${hcl}\n` };
}

/** A folder's files, as the CLI reports them: `relative` turns a file's URI into its path in the report. */
export function workspaceRuleFindings(
  index: WorkspaceIndex,
  options: RunOptions,
  textOf: (uri: string) => string | undefined,
  relative: (uri: string) => string,
  today: Date = new Date(),
): FileFindings[] {
  const out: FileFindings[] = [];
  for (const file of [...index.allFiles()].sort((a, b) => (a.uri < b.uri ? -1 : 1))) {
    const findings = runRules(index, file, options);
    const text = textOf(file.uri);
    const kept: Finding[] = text === undefined ? findings : applySuppressions(findings, text, today);
    if (kept.length > 0) out.push({ file: relative(file.uri), findings: kept.map(plainFinding) });
  }
  return out;
}

/** Drops the editor-only fields, for the CLI's JSON output. */
export function plainFinding(f: Finding): Finding {
  return { code: f.code, severity: f.severity, message: f.message, range: f.range };
}
