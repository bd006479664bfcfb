import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { appendAuditEntry, currentActor } from '../audit/auditLog';
import { compactRows, textReport, type JsonStatement } from '../cli/policy';
import { buildPolicy, findRole } from '../policy/buildPolicy';
import { policyCompletions, type PolicyCompletion } from '../policy/policyCompletions';
import { policyDiagnostics } from '../policy/policyDiagnostics';
import { policyHover } from '../policy/policyHover';
import type { PolicyFile } from '../policy/policyModel';
import { parsePolicyFile } from '../policy/policyParser';
import { loadPolicyWorkspace, type PolicyWorkspace } from '../policy/policyWorkspace';
import { PreviewDatabase } from '../policy/previewDatabase';
import { previewStatements, sessionFor } from '../policy/previewStatements';
import { sqlHover } from '../policy/sqlHover';
import { sqlDiagnostics } from '../policy/sqlDiagnostics';
import type { Finding, TextPosition, TextRange } from '../protocol/findings';
import type { PolicyPreviewRequest, PolicyRolesRequest, PreviewSessionSettings } from '../protocol/customMessages';
import { loadPgParser, parseSqlStatements } from '../sql/pgParser';
import type { HclParser } from '../terraform/hclParser';
import type { DocumentStore, ParsedDocument } from './documentStore';

/**
 * The data-policy side of the language server: policy files and SQL files checked against the
 * policy and schema found from their folder up to the workspace root (open policy documents as
 * typed), and previews of SQL as the session's role runs it, on an embedded Postgres started once.
 */
export class PolicyService {
  private readonly workspaces = new Map<string, Promise<PolicyWorkspace>>();
  private database: Promise<PreviewDatabase> | undefined;
  session: PreviewSessionSettings = { attributes: {} };

  constructor(
    private readonly store: DocumentStore,
    private readonly hcl: HclParser,
    private readonly roots: () => readonly string[],
    private readonly audit: { file: () => string; machineId?: string },
    private readonly log: (message: string) => void,
  ) {}

  static handles(entry: ParsedDocument): boolean {
    return entry.kind === 'policy' || entry.kind === 'sql';
  }

  /** Forgets cached policies and schemas: a policy, schema or seed file changed. */
  invalidate(): void {
    this.workspaces.clear();
  }

  private rootFor(file: string): string {
    const inside = this.roots().filter((r) => file === r || file.startsWith(r + path.sep)).sort((a, b) => b.length - a.length);
    return inside[0] ?? path.dirname(file);
  }

  /** The policy, schema and seed a document is checked against, with open policy documents as typed. */
  async workspaceFor(uri: string): Promise<PolicyWorkspace> {
    const file = URI.parse(uri).fsPath;
    const dir = path.dirname(file);
    let loaded = this.workspaces.get(dir);
    if (!loaded) {
      loaded = loadPolicyWorkspace(file, this.rootFor(file));
      this.workspaces.set(dir, loaded);
    }
    const workspace = await loaded;
    const open = this.store.all().filter((d) => d.kind === 'policy' && d.document.uri.startsWith('file:'));
    if (open.length === 0) return workspace;
    const folders = new Set(workspace.folders);
    const files: PolicyFile[] = workspace.policy.files.map((f) => {
      const doc = open.find((d) => URI.parse(d.document.uri).fsPath === f.path);
      return doc ? parsePolicyFile(f.path, doc.document.getText(), this.hcl) : f;
    });
    for (const doc of open) {
      const p = URI.parse(doc.document.uri).fsPath;
      if (folders.has(path.dirname(p)) && !files.some((f) => f.path === p)) files.push(parsePolicyFile(p, doc.document.getText(), this.hcl));
    }
    return { ...workspace, policy: buildPolicy(files) };
  }

  private policyFileOf(entry: ParsedDocument, workspace: PolicyWorkspace): PolicyFile {
    const p = URI.parse(entry.document.uri).fsPath;
    return workspace.policy.files.find((f) => f.path === p) ?? parsePolicyFile(p, entry.document.getText(), this.hcl);
  }

  async findings(entry: ParsedDocument): Promise<Finding[]> {
    await loadPgParser();
    const workspace = await this.workspaceFor(entry.document.uri);
    if (entry.kind === 'policy') return policyDiagnostics(this.policyFileOf(entry, workspace), workspace.policy, workspace.schema);
    this.warmUp(workspace);
    const role = this.session.role && findRole(workspace.policy, this.session.role) ? this.session.role : undefined;
    return sqlDiagnostics(entry.document.getText(), workspace.policy, workspace.schema, role ? { role, attributes: this.session.attributes } : {});
  }

  async hover(entry: ParsedDocument, position: TextPosition): Promise<string | undefined> {
    const workspace = await this.workspaceFor(entry.document.uri);
    if (entry.kind === 'sql') {
      // A table's name: what the preview role may see of it.
      const role = this.previewRole(workspace);
      return role ? sqlHover(entry.document.getText(), position, workspace.policy, workspace.schema, sessionFor(workspace.policy, role, this.session.attributes)) : undefined;
    }
    if (entry.kind !== 'policy') return undefined;
    return policyHover(this.policyFileOf(entry, workspace), workspace.policy, workspace.schema, position);
  }

  async completions(entry: ParsedDocument, position: TextPosition): Promise<PolicyCompletion[]> {
    if (entry.kind !== 'policy') return [];
    const workspace = await this.workspaceFor(entry.document.uri);
    return policyCompletions(this.policyFileOf(entry, workspace), entry.document.getText(), workspace.policy, workspace.schema, position);
  }

  /**
   * Starts the embedded Postgres and loads the schema and seed in the background as soon as a SQL
   * file with seed data is open: PGlite takes seconds to start, a preview must take a fraction of one.
   */
  private warmUp(workspace: PolicyWorkspace): void {
    if (workspace.seed.statements.length === 0 || workspace.policy.files.length === 0) return;
    this.database ??= PreviewDatabase.start();
    this.database.then((db) => db.load(workspace.schema, workspace.seed)).catch((error: unknown) => {
      this.database = undefined;
      this.log(`could not start the preview database: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** The role previews use: the one picked, else Analyst, else the first declared. */
  previewRole(workspace: PolicyWorkspace): string | undefined {
    if (this.session.role && findRole(workspace.policy, this.session.role)) return findRole(workspace.policy, this.session.role)?.name;
    if (workspace.policy.files.length === 0) return undefined;
    return findRole(workspace.policy, 'Analyst')?.name ?? [...workspace.policy.roles.keys()][0];
  }

  /** One "Preview as <role>" lens per statement of a SQL file, when a policy applies to it. */
  async codeLenses(entry: ParsedDocument): Promise<{ range: TextRange; title: string; statement: number }[]> {
    if (entry.kind !== 'sql') return [];
    await loadPgParser();
    const workspace = await this.workspaceFor(entry.document.uri);
    const role = this.previewRole(workspace);
    if (!role) return [];
    return parseSqlStatements(entry.document.getText()).map((s, statement) => ({ range: s.range, title: `$(eye) Preview as ${role}`, statement }));
  }

  async roles(uri: string): Promise<PolicyRolesRequest.Result> {
    const workspace = await this.workspaceFor(uri);
    return {
      roles: [...workspace.policy.roles.values()].map((r) => ({ name: r.name, description: r.description, kinds: r.kinds?.map((k) => k.value) })),
      policyFiles: workspace.policy.files.map((f) => f.path),
    };
  }

  async preview(params: PolicyPreviewRequest.Params): Promise<PolicyPreviewRequest.Result> {
    await loadPgParser();
    const entry = this.store.get(params.uri);
    if (!entry) throw new Error(`Open ${params.uri} to preview it`);
    const workspace = await this.workspaceFor(params.uri);
    const role = this.previewRole(workspace);
    if (!role) throw new Error('No *.policy.hcl file applies to this SQL file: put one in its folder or a folder above it');
    const attributes = this.session.attributes;
    let previews = previewStatements(entry.document.getText(), role, attributes, workspace.policy, workspace.schema);
    if (params.statement !== undefined) previews = previews.slice(params.statement, params.statement + 1);
    const results: JsonStatement[] = previews.map((p) => ({ range: p.range, original: p.original, rewritten: p.rewritten, refused: p.refused, applied: p.applied }));
    if (workspace.seed.statements.length > 0 && previews.some((p) => p.rewritten !== null)) {
      this.database ??= PreviewDatabase.start();
      const db = await this.database;
      for (const error of await db.load(workspace.schema, workspace.seed)) this.log(`seed data: ${error}`);
      for (let i = 0; i < previews.length; i++) {
        const sql = previews[i].rewritten;
        if (sql !== null) Object.assign(results[i], compactRows(await db.run(sql)));
      }
    }
    const fileLabel = path.basename(URI.parse(params.uri).fsPath);
    try {
      await appendAuditEntry(this.audit.file(), {
        action: 'policy.previewed',
        actor: currentActor(this.audit.machineId),
        details: { file: fileLabel, role, attributes: Object.keys(attributes).sort(), statements: previews.map((p) => p.original), refused: previews.filter((p) => p.refused).length },
      });
    } catch (error) {
      this.log(`could not write the audit log: ${error instanceof Error ? error.message : String(error)}`);
    }
    return {
      role,
      text: textReport(results, role, attributes, fileLabel),
      statements: results.map((r) => ({ original: r.original, rewritten: r.rewritten, refused: r.refused ? { reason: r.refused.reason, code: r.refused.code } : null, ...(r.rows ? { rows: r.rows } : {}) })),
    };
  }

  async dispose(): Promise<void> {
    const db = await this.database?.catch(() => undefined);
    await db?.close();
  }
}
