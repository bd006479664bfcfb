/**
 * The live cloud beside the code, in the language server: which snapshot the workspace is compared
 * with, its links to the Terraform (terraform.tfstate first), the drift and the findings of the rules
 * on live resources, recomputed when the index changes and shared by diagnostics, hover, code lens
 * and the diagram.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readSnapshot } from '../cloud/snapshotStore';
import { driftFindings } from '../link/drift';
import { liveRuleFindings, type LiveFinding } from '../link/liveFindings';
import { codeFindingKeys, liveOnlyFindings } from '../link/liveOnlyFindings';
import type { RuleFinding, RunOptions } from '../rules/runRules';
import { linkHoverMarkdown, codeLensesFor, type LinkCodeLens } from '../link/linkPresentation';
import { linkAndCompare, workspaceStates, type LinkedWorkspace } from '../link/linkSession';
import type { ResourceLink } from '../link/linker';
import type { Finding, FindingSeverity, TextPosition } from '../protocol/findings';
import type { CloudSnapshot } from '../protocol/snapshot';
import type { WorkspaceIndex } from '../terraform/workspaceIndex';

/** The settings of the live comparison (`cartograph.snapshot`, `cartograph.statePath`, `cartograph.drift.severity`). */
export interface LiveSettings {
  /** A snapshot file; relative paths are read from the first workspace folder. Empty: none. */
  snapshot?: string;
  /** A Terraform state file for the workspace; empty: each folder's own `terraform.tfstate`. */
  statePath?: string;
  /** The severity of drift findings, or `off` for none. */
  driftSeverity: FindingSeverity | 'off';
}

const severities = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Settings arrive as JSON from any client: keep only well-formed values. */
export function sanitiseLiveSettings(value: unknown, previous?: LiveSettings): LiveSettings {
  const v = (value ?? {}) as { snapshot?: unknown; statePath?: unknown; drift?: { severity?: unknown } };
  const text = (x: unknown, fallback: string | undefined): string | undefined => (typeof x === 'string' ? x.trim() || undefined : fallback);
  const severity = v.drift?.severity;
  return {
    snapshot: text(v.snapshot, previous?.snapshot),
    statePath: text(v.statePath, previous?.statePath),
    driftSeverity: typeof severity === 'string' && severities.has(severity) ? (severity as LiveSettings['driftSeverity']) : (previous?.driftSeverity ?? 'warning'),
  };
}

export class LiveStateService {
  settings: LiveSettings = { driftSeverity: 'warning' };
  /** A snapshot chosen in the editor (an import, "Open snapshot…" in the diagram); wins over the setting. */
  private chosen: string | null | undefined;
  private loaded: { file: string; mtimeMs: number; snapshot: CloudSnapshot } | undefined;
  private loadError: string | undefined;
  private cache: { generation: number; file: string; result: LinkedWorkspace; costMs: number } | undefined;
  private relinkTimer: NodeJS.Timeout | undefined;
  /** Called after a deferred re-link has replaced a stale result, so that the editor refreshes. */
  onRelinked: (() => void) | undefined;
  private stateCache = new Map<string, { mtimeMs: number; text: string }>();
  private liveOnlyCache: { snapshot: CloudSnapshot; options: string; links: LinkedWorkspace['links']; findings: LiveFinding[]; placed: Map<string, RuleFinding[]> } | undefined;

  constructor(
    private readonly index: () => WorkspaceIndex | undefined,
    private readonly folders: () => string[],
    private readonly log: (message: string) => void,
    /**
     * Linking a large workspace to a large snapshot takes hundreds of milliseconds: more than a
     * keystroke may cost. When the last link took longer than `slowLinkMs`, an edit is answered
     * with the links from before it, and the workspace is linked again once the index has been
     * quiet for `relinkDelayMs` (then `onRelinked` refreshes what the editor shows).
     */
    private readonly timing: { slowLinkMs: number; relinkDelayMs: number } = { slowLinkMs: 100, relinkDelayMs: 300 },
  ) {}

  /** The snapshot file in force, absolute, or undefined for none. */
  snapshotFile(): string | undefined {
    const file = this.chosen === null ? undefined : (this.chosen ?? this.settings.snapshot);
    if (!file) return undefined;
    return path.isAbsolute(file) ? file : path.resolve(this.folders()[0] ?? process.cwd(), file);
  }

  /** Chooses a snapshot from the editor (`null`: none, `undefined`: back to the setting). */
  choose(file: string | null | undefined): void {
    this.chosen = file;
    this.cache = undefined;
  }

  /** Why the snapshot in force could not be read, if it could not. */
  problem(): string | undefined {
    return this.snapshotFile() ? this.loadError : undefined;
  }

  /**
   * Reads the snapshot in force when it changed on disk (or another was chosen). A snapshot that
   * cannot be read keeps no comparison and says why once, naming the file; returns whether what the
   * editor shows should be refreshed.
   */
  async load(): Promise<boolean> {
    const file = this.snapshotFile();
    if (!file) {
      const had = this.loaded !== undefined;
      this.loaded = undefined;
      this.loadError = undefined;
      this.cache = undefined;
      return had;
    }
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      return this.fail(file, `${file} does not exist`);
    }
    if (this.loaded && this.loaded.file === file && this.loaded.mtimeMs === mtimeMs) return false;
    try {
      const snapshot = await readSnapshot(file);
      this.loaded = { file, mtimeMs, snapshot };
      this.loadError = undefined;
      this.cache = undefined;
      this.log(`comparing the Terraform with the snapshot ${file} (${snapshot.resources.length} resources, taken ${snapshot.importedAt})`);
      return true;
    } catch (error) {
      return this.fail(file, error instanceof Error ? error.message : String(error));
    }
  }

  private fail(file: string, message: string): boolean {
    const changed = this.loadError !== message || this.loaded !== undefined;
    if (this.loadError !== message) this.log(`cannot compare with the snapshot ${file}: ${message}`);
    this.loaded = undefined;
    this.loadError = message;
    this.cache = undefined;
    return changed;
  }

  /**
   * The snapshot and its links to the current index, computed once per change of the index. While
   * the user types in a workspace whose linking is slow, the links from before the latest edits
   * (see the constructor); `{ fresh: true }` always links the index as it is now.
   */
  current(options: { fresh?: boolean } = {}): (LinkedWorkspace & { snapshot: CloudSnapshot; file: string }) | undefined {
    const index = this.index();
    if (!index || !this.loaded) return undefined;
    const { file, snapshot } = this.loaded;
    if (!this.cache || this.cache.generation !== index.generation || this.cache.file !== file) {
      const slow = this.cache?.file === file && this.cache.costMs > this.timing.slowLinkMs;
      if (slow && !options.fresh) this.scheduleRelink();
      else this.relink(index, file, snapshot);
    }
    return { ...this.cache!.result, snapshot, file };
  }

  private relink(index: WorkspaceIndex, file: string, snapshot: CloudSnapshot): void {
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    this.relinkTimer = undefined;
    const started = performance.now();
    const { states, problems } = workspaceStates(index, this.statePathAbsolute(), undefined, (f) => this.readState(f));
    for (const p of problems) this.log(`cannot read the Terraform state: ${p} (linking by ids and names instead)`);
    const result = linkAndCompare(index, snapshot, states);
    this.cache = { generation: index.generation, file, result, costMs: performance.now() - started };
  }

  /** Links again once the index has not changed for the delay (each edit pushes it back). */
  private scheduleRelink(): void {
    if (this.relinkTimer) clearTimeout(this.relinkTimer);
    this.relinkTimer = setTimeout(() => {
      this.relinkTimer = undefined;
      const index = this.index();
      if (!index || !this.loaded || (this.cache && this.cache.generation === index.generation)) return;
      this.relink(index, this.loaded.file, this.loaded.snapshot);
      this.onRelinked?.();
    }, this.timing.relinkDelayMs);
    this.relinkTimer.unref?.();
  }

  private statePathAbsolute(): string | undefined {
    const p = this.settings.statePath;
    if (!p) return undefined;
    return path.isAbsolute(p) ? p : path.resolve(this.folders()[0] ?? process.cwd(), p);
  }

  /** State files are read again only when they change on disk. */
  private readState(file: string): string {
    const mtimeMs = fs.statSync(file).mtimeMs;
    const cached = this.stateCache.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.text;
    const text = fs.readFileSync(file, 'utf8');
    this.stateCache.set(file, { mtimeMs, text });
    return text;
  }

  /** The drift findings of one file, at the configured severity. */
  findings(uri: string): Finding[] {
    if (this.settings.driftSeverity === 'off') return [];
    const live = this.current();
    if (!live) return [];
    return driftFindings(live.drift, this.settings.driftSeverity).get(uri) ?? [];
  }

  /**
   * The compliance rules' findings on the live resources linked to blocks of one file that the code
   * itself does not show (see `liveOnlyFindings`), computed once per snapshot, index and options.
   */
  ruleFindings(uri: string, options: RunOptions): RuleFinding[] {
    const live = this.current();
    const index = this.index();
    if (!live || !index) return [];
    const key = JSON.stringify(options);
    const cached = this.liveOnlyCache;
    // Placed again whenever the links are (their blocks and the code's own findings come with them).
    if (!cached || cached.snapshot !== live.snapshot || cached.options !== key || cached.links !== live.links) {
      // The rules on live depend on the snapshot and the options only; placing them, on the code too.
      const findings = cached && cached.snapshot === live.snapshot && cached.options === key ? cached.findings : liveRuleFindings(live.snapshot, options);
      const { placed } = liveOnlyFindings(live.links, findings, codeFindingKeys(index, options), live.snapshot.importedAt);
      this.liveOnlyCache = { snapshot: live.snapshot, options: key, links: live.links, findings, placed };
    }
    return this.liveOnlyCache!.placed.get(uri) ?? [];
  }

  /** The links of the resource block at `position` of a file (several for `count` and `for_each`). */
  linksAt(uri: string, position: TextPosition): ResourceLink[] {
    const live = this.current();
    if (!live) return [];
    const inside = (r: { start: TextPosition; end: TextPosition }): boolean =>
      (position.line > r.start.line || (position.line === r.start.line && position.character >= r.start.character)) && (position.line < r.end.line || (position.line === r.end.line && position.character <= r.end.character));
    return live.links.links.filter((l) => l.instance.declaration.uri === uri && inside(l.instance.block.range));
  }

  /** The live part of a hover inside a linked resource block. */
  hoverMarkdown(uri: string, position: TextPosition): string | undefined {
    const live = this.current();
    const links = this.linksAt(uri, position);
    if (!live || links.length === 0) return undefined;
    const shown = links.slice(0, 4).map((l) => `${links.length > 1 ? `**${l.address}**\n\n` : ''}${linkHoverMarkdown(l, live.drift.items, live.snapshot.importedAt)}`);
    if (links.length > shown.length) shown.push(`_…and ${links.length - shown.length} more live instances_`);
    return shown.join('\n\n---\n\n');
  }

  /** The code lenses of one file: live status and drift count above each linked block. */
  codeLenses(uri: string): LinkCodeLens[] {
    const live = this.current();
    return live ? codeLensesFor(uri, live.links, live.drift) : [];
  }
}
