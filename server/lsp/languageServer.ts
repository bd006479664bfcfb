import {
  CompletionItemKind,
  CompletionTriggerKind,
  FileChangeType,
  type CompletionItem,
  ResponseError,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { HclParser } from '../terraform/hclParser';
import { semanticTokenModifiers, semanticTokens, semanticTokenTypes } from '../terraform/semanticTokens';
import { syntaxErrors } from '../terraform/syntaxErrors';
import { DocumentStore, type ParsedDocument } from './documentStore';
import { workspaceInventory } from './handlers/inventory';
import { complete, documentSymbols, findReferences, folding, gotoDefinition, hover, prepareRenameAt, renameAt, workspaceSymbols } from './handlers/terraformFeatures';
import { TerraformWorkspace } from './terraformWorkspace';
import { PolicyService } from './policyService';
import { toDiagnostic } from './convert';
import {
  AuditShowRequest,
  AuditVerifyRequest,
  PolicyPreviewRequest,
  PolicyRolesRequest,
  LiveChangedNotification,
  LiveStatusRequest,
  SetPreviewSessionNotification,
  ServerInfoRequest,
  ShowSnapshotNotification,
  SuppressionEditRequest,
  WorkspaceInventoryRequest,
  type CartographInitializationOptions,
  type ComplianceSettings,
  type PreviewSessionSettings,
} from '../protocol/customMessages';
import { runRules, type RuleFinding } from '../rules/runRules';
import { applySuppressions, suppressionEdit } from '../rules/suppressions';
import { defaultProfiles } from '../rules/profiles';
import { appendAuditEntry, currentActor } from '../audit/auditLog';
import { ruleCodeActions } from './handlers/ruleActions';
import { registerCloudHandlers } from './cloudService';
import { defaultAuditLogPath } from '../audit/auditLog';
import { showForEditor, verifyForEditor } from './handlers/audit';
import type { Finding } from '../protocol/findings';
import { cartographVersion } from '../version';
import { DiagramRequest } from '../protocol/diagramMessages';
import { workspaceDiagram } from './handlers/diagram';
import { LiveStateService, sanitiseLiveSettings } from './liveStateService';

/**
 * Wires Cartograph's engine to an LSP connection. Every handler is guarded: an exception while
 * analysing one document is logged with the document's URI and leaves that document's last
 * diagnostics in place; the server keeps serving every other request.
 */
export function startLanguageServer(connection: Connection): void {
  let store: DocumentStore | undefined;
  let parsers: { terraform: HclParser; hcl: HclParser } | undefined;
  let terraform: TerraformWorkspace | undefined;
  let policy: PolicyService | undefined;
  let machineId: string | undefined;
  let clientRefreshesCodeLenses = false;
  let compliance: ComplianceSettings = { profiles: [...defaultProfiles], allowedRegions: [] };
  let docsBase: string | undefined;
  let folders: string[] = [];
  let clientTracksFolders = false;
  let clientSupportsProgress = false;
  let shuttingDown = false;
  let auditLogPath = defaultAuditLogPath();
  const live = new LiveStateService(() => terraform?.index, () => folders, (m) => connection.console.log(`Cartograph: ${m}`));
  // A deferred re-link (a large workspace, typed in) brings drift, live findings and lenses up to date.
  live.onRelinked = () => {
    refreshOpenDocuments();
    if (clientRefreshesCodeLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  };
  /**
   * Linking to a snapshot reads every file: with a snapshot in force, unpack them between the
   * editor's requests before linking, rather than all at once inside it.
   */
  const unpackForLinking = async (): Promise<void> => {
    if (live.snapshotFile()) await terraform?.index.unpackAll();
  };
  /** Reads the snapshot in force again (when it changed) and refreshes what shows the comparison. */
  const reloadLive = async (): Promise<void> => {
    const changed = await live.load().catch(() => false);
    if (!changed) return;
    await unpackForLinking();
    const file = live.snapshotFile();
    void connection.sendNotification(LiveChangedNotification.method, file ? { file } : {});
    refreshOpenDocuments();
    if (clientRefreshesCodeLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  };

  const guard = <T>(what: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      connection.console.error(`Cartograph: ${what} failed: ${detail}`);
      return undefined;
    }
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (folders.length === 0 && params.rootUri) folders = [URI.parse(params.rootUri).fsPath];
    clientTracksFolders = params.capabilities.workspace?.workspaceFolders === true;
    clientSupportsProgress = params.capabilities.window?.workDoneProgress === true;
    const options = (params.initializationOptions ?? {}) as CartographInitializationOptions;
    if (typeof options.auditLogPath === 'string' && options.auditLogPath !== '') auditLogPath = options.auditLogPath;
    if (typeof options.machineId === 'string') machineId = options.machineId;
    registerCloudHandlers(connection, { auditLogPath: () => auditLogPath, machineId, storageDir: () => options.storagePath, log: (m) => connection.console.log(`Cartograph: ${m}`), isTrusted: () => true });
    if (options.compliance) compliance = sanitiseCompliance(options.compliance);
    if (typeof options.docsBase === 'string') docsBase = options.docsBase;
    live.settings = sanitiseLiveSettings(options.live);
    clientRefreshesCodeLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
    store = new DocumentStore(parsers);
    terraform = new TerraformWorkspace(store, parsers, (m) => connection.console.log(`Cartograph: ${m}`));
    terraform.onFolderComplete = () => refreshOpenDocuments();
    policy = new PolicyService(store, parsers.hcl, () => folders, { file: () => auditLogPath, machineId }, (m) => connection.console.log(`Cartograph: ${m}`));
    if (options.preview) policy.session = sanitisePreviewSession(options.preview);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        // `.` for Terraform references; `"` (a role, table or column name) and `{` (a placeholder) for policy files.
        completionProvider: { triggerCharacters: ['.', '"', '{'] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenTypes], tokenModifiers: [...semanticTokenModifiers] }, full: true },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'cartograph', version: cartographVersion },
    };
  });

  /**
   * Findings of an open document: the Terraform analysis for .tf and .tfvars, plus the compliance
   * rules once the module's folder is indexed (rules look across resources), with suppressions.
   */
  const findingsOf = (entry: ParsedDocument): Finding[] => {
    if (!TerraformWorkspace.isTerraform(entry)) return entry.tree ? syntaxErrors(entry.tree) : [];
    const uri = entry.document.uri;
    const findings = terraform?.findings(uri) ?? [];
    const file = terraform?.index.file(uri);
    if (!terraform || !file || !terraform.isFolderComplete(file.moduleUri)) return findings;
    const options = { ...compliance, ...(docsBase ? { docsBase } : {}) };
    const rules = guard(`compliance rules for ${uri}`, () => applySuppressions(runRules(terraform!.index, file, options), entry.document.getText())) ?? [];
    const drift = guard(`drift of ${uri}`, () => live.findings(uri)) ?? [];
    const onLive = guard(`rules on the live resources of ${uri}`, () => applySuppressions(live.ruleFindings(uri, options), entry.document.getText())) ?? [];
    return [...findings, ...rules, ...drift, ...onLive];
  };

  const publish = (entry: ParsedDocument): void => {
    if (policy && PolicyService.handles(entry)) {
      // Policy and SQL analysis waits for the Postgres parser and the folder's policy: publish
      // when ready, unless the document moved on meanwhile.
      const version = entry.document.version;
      policy.findings(entry).then(
        (findings) => {
          if (store?.get(entry.document.uri)?.document.version !== version) return;
          void connection.sendDiagnostics({ uri: entry.document.uri, version, diagnostics: findings.map(toDiagnostic) });
        },
        (error: unknown) => connection.console.error(`Cartograph: checking ${entry.document.uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      );
      return;
    }
    guard(`diagnostics for ${entry.document.uri}`, () => {
      void connection.sendDiagnostics({ uri: entry.document.uri, version: entry.document.version, diagnostics: findingsOf(entry).map(toDiagnostic) });
    });
  };

  const refreshPolicyDocuments = (except?: string): void => {
    for (const entry of store?.all() ?? []) if (entry.document.uri !== except && PolicyService.handles(entry)) publish(entry);
    if (clientRefreshesCodeLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  };

  /**
   * Other open documents may see new or lost declarations: refresh them after the current one. While
   * the user types (`afterTypingMs`), once typing pauses rather than on every keystroke, so that a
   * keystroke pays only for the edited document's own diagnostics; each keystroke pushes it back.
   */
  let refreshTimer: NodeJS.Timeout | undefined;
  let refreshWaitsForTyping = false;
  // The document the queued refresh may skip (it was just published); a later call for another
  // reason (a snapshot loaded, a folder indexed) refreshes it too.
  let refreshSkips: string | undefined;
  const refreshOpenDocuments = (except?: string, afterTypingMs = 0): void => {
    if (refreshTimer) {
      if (refreshSkips !== except) refreshSkips = undefined;
      // A refresh due at once stays so; one waiting for typing to pause is pushed back, or brought forward.
      if (!refreshWaitsForTyping) return;
      clearTimeout(refreshTimer);
    } else refreshSkips = except;
    refreshWaitsForTyping = afterTypingMs > 0;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      const skip = refreshSkips;
      for (const entry of store?.all() ?? []) if (entry.document.uri !== skip && TerraformWorkspace.isTerraform(entry)) publish(entry);
    }, afterTypingMs);
  };
  const typingPauseMs = 150;

  const analyse = (entry: ParsedDocument | undefined): void => {
    if (!entry) return;
    guard(`indexing ${entry.document.uri}`, () => terraform?.update(entry));
    publish(entry);
    if (TerraformWorkspace.isTerraform(entry)) refreshOpenDocuments(entry.document.uri, typingPauseMs);
    // A policy being edited changes what every open SQL file and policy file is checked against.
    if (entry.kind === 'policy') refreshPolicyDocuments(entry.document.uri);
  };

  connection.onInitialized(() => {
    connection.console.info(`Cartograph language server ${cartographVersion} ready (${folders.length} workspace folder(s))`);
    if (clientTracksFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => URI.parse(f.uri).fsPath));
        folders = folders.filter((f) => !removed.has(f)).concat(event.added.map((f) => URI.parse(f.uri).fsPath));
        void indexInBackground(event.added.map((f) => URI.parse(f.uri).fsPath));
      });
    }
    void indexInBackground(folders);
    void reloadLive();
  });

  const indexInBackground = async (roots: string[]): Promise<void> => {
    if (!terraform || roots.length === 0) return;
    const progress = clientSupportsProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Cartograph: indexing Terraform', 0, undefined, true);
    let lastReport = 0;
    try {
      await terraform.indexFolders(
        roots,
        ({ done, total }) => {
          if (!progress || Date.now() - lastReport < 200) return;
          lastReport = Date.now();
          progress.report(Math.round((100 * done) / Math.max(1, total)), `${done}/${total} files`);
        },
        () => shuttingDown || (progress?.token.isCancellationRequested ?? false),
      );
    } catch (error) {
      connection.console.error(`Cartograph: background indexing failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      progress?.done();
    }
    await unpackForLinking();
    refreshOpenDocuments();
  };

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    analyse(guard(`parsing ${d.uri}`, () => store?.open(d.uri, d.languageId, d.version, d.text)));
  });

  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
    analyse(guard(`re-parsing ${d.uri}`, () => store?.change(d.uri, d.version, contentChanges)));
  });

  connection.onDidCloseTextDocument(({ textDocument: d }) => {
    guard(`closing ${d.uri}`, () => {
      store?.close(d.uri);
      terraform?.closed(d.uri);
    });
    // The Problems panel shows open documents' findings; a closed file's go with it.
    void connection.sendDiagnostics({ uri: d.uri, diagnostics: [] });
    refreshOpenDocuments();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    guard('watched-file changes', () => {
      for (const change of changes) terraform?.diskChanged(change.uri, change.type === FileChangeType.Deleted);
    });
    refreshOpenDocuments();
    void reloadLive();
    if (changes.some((c) => /\.(policy\.hcl|sql|csv)$/.test(c.uri))) {
      policy?.invalidate();
      refreshPolicyDocuments();
    }
  });

  /** The file model for a request, or undefined when the document is not a Terraform file. */
  const modelFor = (uri: string): ReturnType<NonNullable<typeof terraform>['index']['file']> => terraform?.index.file(uri);

  connection.onHover(async ({ textDocument, position }) => {
    const entry = store?.get(textDocument.uri);
    if (entry && policy && (entry.kind === 'policy' || entry.kind === 'sql')) {
      const markdown = await policy.hover(entry, position).catch(() => undefined);
      return markdown ? { contents: { kind: 'markdown' as const, value: markdown } } : null;
    }
    return guard(`hover in ${textDocument.uri}`, () => {
      const file = modelFor(textDocument.uri);
      if (!file || !terraform) return null;
      const code = hover(terraform.index, file, position);
      // Inside a linked resource, the live resource follows what the code says.
      const liveMarkdown = guard(`live hover in ${textDocument.uri}`, () => live.hoverMarkdown(textDocument.uri, position));
      if (!liveMarkdown) return code;
      const codeMarkdown = code && typeof code.contents === 'object' && 'value' in code.contents ? code.contents.value : undefined;
      return { contents: { kind: 'markdown' as const, value: codeMarkdown ? `${codeMarkdown}\n\n---\n\n${liveMarkdown}` : liveMarkdown }, ...(code?.range ? { range: code.range } : {}) };
    }) ?? null;
  });

  connection.onDefinition(({ textDocument, position }) => guard(`definition in ${textDocument.uri}`, () => {
    const file = modelFor(textDocument.uri);
    return file && terraform ? gotoDefinition(terraform.index, file, position) : [];
  }) ?? []);

  connection.onReferences(({ textDocument, position, context }) => guard(`references in ${textDocument.uri}`, () => {
    const file = modelFor(textDocument.uri);
    return file && terraform ? findReferences(terraform.index, file, position, context.includeDeclaration) : [];
  }) ?? []);

  connection.onPrepareRename(({ textDocument, position }) => {
    const file = modelFor(textDocument.uri);
    if (!file || !terraform) return null;
    const result = guard(`prepare rename in ${textDocument.uri}`, () => prepareRenameAt(terraform!.index, file, position));
    if (!result) return null;
    if ('error' in result) throw new ResponseError(-32803, result.error);
    return result;
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const file = modelFor(textDocument.uri);
    if (!file || !terraform) return null;
    const result = guard(`rename in ${textDocument.uri}`, () => renameAt(terraform!.index, file, position, newName));
    if (!result) return null;
    if ('error' in result) throw new ResponseError(-32803, result.error);
    return result;
  });

  connection.onCompletion(async ({ textDocument, position, context }) => {
    const entry = store?.get(textDocument.uri);
    if (entry && policy && entry.kind === 'policy') {
      const kinds = { table: CompletionItemKind.Class, column: CompletionItemKind.Field, role: CompletionItemKind.Enum, placeholder: CompletionItemKind.Variable, mask: CompletionItemKind.Function, kind: CompletionItemKind.EnumMember };
      return (await policy.completions(entry, position).catch(() => [])).map((c) => ({ label: c.label, kind: kinds[c.kind], detail: c.detail }));
    }
    // Terraform completes after `.` or when asked; a quote or a brace typed there is only text.
    if (context?.triggerKind === CompletionTriggerKind.TriggerCharacter && context.triggerCharacter !== '.') return [];
    return terraformCompletion(textDocument.uri, position);
  });

  const terraformCompletion = (uri: string, position: { line: number; character: number }): CompletionItem[] => guard(`completion in ${uri}`, () => {
    const textDocument = { uri };
    const file = modelFor(textDocument.uri);
    const doc = store?.get(textDocument.uri)?.document;
    if (!file || !terraform || !doc) return [];
    const linePrefix = doc.getText({ start: { line: position.line, character: 0 }, end: position });
    return complete(terraform.index, file, linePrefix, position);
  }) ?? [];

  connection.onCodeLens(async ({ textDocument }) => {
    const entry = store?.get(textDocument.uri);
    if (entry && TerraformWorkspace.isTerraform(entry)) {
      return guard(`code lenses of ${textDocument.uri}`, () =>
        live.codeLenses(textDocument.uri).flatMap((l) => [
          { range: l.range, command: { title: l.title, command: '' } },
          { range: l.range, command: { title: 'Show in Diagram', command: 'cartograph.showInDiagram', arguments: [l.addresses[0]] } },
        ]),
      ) ?? [];
    }
    if (!entry || !policy || entry.kind !== 'sql') return [];
    const lenses = await policy.codeLenses(entry).catch(() => []);
    return lenses.map((l) => ({ range: l.range, command: { title: l.title, command: 'cartograph.previewStatement', arguments: [textDocument.uri, l.statement] } }));
  });

  connection.onNotification(SetPreviewSessionNotification.method, (params: SetPreviewSessionNotification.Params) => {
    if (!policy) return;
    policy.session = sanitisePreviewSession(params);
    refreshPolicyDocuments();
  });

  connection.onRequest(PolicyRolesRequest.method, async (params: PolicyRolesRequest.Params): Promise<PolicyRolesRequest.Result> => {
    if (!policy) return { roles: [], policyFiles: [] };
    return policy.roles(params.uri);
  });

  connection.onRequest(PolicyPreviewRequest.method, async (params: PolicyPreviewRequest.Params): Promise<PolicyPreviewRequest.Result> => {
    if (!policy) throw new ResponseError(-32803, 'The language server is still starting');
    try {
      return await policy.preview(params);
    } catch (error) {
      throw new ResponseError(-32803, error instanceof Error ? error.message : String(error));
    }
  });

  connection.onDocumentSymbol(({ textDocument }) => guard(`symbols of ${textDocument.uri}`, () => {
    const file = modelFor(textDocument.uri);
    return file ? documentSymbols(file) : [];
  }) ?? []);

  connection.onWorkspaceSymbol(({ query }) => guard('workspace symbols', () => (terraform ? workspaceSymbols(terraform.index, query) : [])) ?? []);

  connection.onFoldingRanges(({ textDocument }) => guard(`folding ranges of ${textDocument.uri}`, () => {
    const file = modelFor(textDocument.uri);
    return file ? folding(file) : [];
  }) ?? []);

  connection.languages.semanticTokens.on(({ textDocument }) => guard(`semantic tokens of ${textDocument.uri}`, () => {
    const file = modelFor(textDocument.uri);
    return { data: file ? semanticTokens(file) : [] };
  }) ?? { data: [] });

  connection.onNotification(ShowSnapshotNotification.method, (params: ShowSnapshotNotification.Params) => {
    live.choose(typeof params?.file === 'string' || params?.file === null ? params.file : undefined);
    void reloadLive();
  });

  connection.onRequest(LiveStatusRequest.method, async (): Promise<LiveStatusRequest.Result> => {
    await live.load().catch(() => false);
    await unpackForLinking();
    const current = guard('the live comparison', () => live.current({ fresh: true }));
    const file = live.snapshotFile();
    return {
      ...(file ? { file } : {}),
      ...(current ? { importedAt: current.snapshot.importedAt } : {}),
      links: current?.links.links.length ?? 0,
      drift: current?.drift.items.length ?? 0,
      ...(live.problem() ? { problem: live.problem() } : {}),
    };
  });

  connection.onRequest(DiagramRequest.method, async (params: DiagramRequest.Params): Promise<DiagramRequest.Result> => {
    await live.load().catch(() => false);
    await terraform?.index.unpackAll();
    try {
      return await workspaceDiagram(terraform?.index, params, live);
    } catch (error) {
      connection.console.error(`Cartograph: the diagram failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(-32803, `The diagram could not be built: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  connection.onRequest(WorkspaceInventoryRequest.method, (): WorkspaceInventoryRequest.Result => {
    if (!store || !parsers) return { blocks: [], skipped: [] };
    return guard('the workspace inventory', () => workspaceInventory(folders, store!, parsers!)) ?? { blocks: [], skipped: [] };
  });

  connection.onRequest(ServerInfoRequest.method, (): ServerInfoRequest.Result => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { rss, heapUsed, external } = process.memoryUsage();
    return {
      version: cartographVersion,
      pid: process.pid,
      memory: { rss, heapUsed, external, afterCollection: gc !== undefined },
      ...(terraform ? { terraformIndex: terraform.index.counts() } : {}),
    };
  });

  connection.onCodeAction(({ textDocument, context }) => guard(`code actions in ${textDocument.uri}`, () => ruleCodeActions(textDocument.uri, context.diagnostics)) ?? []);

  connection.onRequest(SuppressionEditRequest.method, async (params: SuppressionEditRequest.Params): Promise<SuppressionEditRequest.Result> => {
    const finding = { code: params.code, blockLine: params.blockLine, blockColumn: params.blockColumn } as RuleFinding;
    let edit: SuppressionEditRequest.Result;
    try {
      edit = suppressionEdit(finding, params.reason, params.expires);
    } catch (error) {
      throw new ResponseError(-32602, error instanceof Error ? error.message : String(error));
    }
    try {
      await appendAuditEntry(auditLogPath, {
        action: 'suppression.added',
        actor: currentActor(machineId),
        details: { rule: params.code, resource: params.address, file: params.uri.slice(params.uri.lastIndexOf('/') + 1), reason: params.reason, ...(params.expires ? { expires: params.expires } : {}) },
      });
    } catch (error) {
      connection.console.error(`Cartograph: could not write the audit log: ${error instanceof Error ? error.message : String(error)}`);
    }
    return edit;
  });

  connection.onDidChangeConfiguration(({ settings }) => {
    const section = (settings as { cartograph?: Partial<ComplianceSettings> } | undefined)?.cartograph;
    if (!section) return;
    compliance = sanitiseCompliance({ profiles: section.profiles ?? compliance.profiles, allowedRegions: section.allowedRegions ?? compliance.allowedRegions });
    live.settings = sanitiseLiveSettings(section, live.settings);
    refreshOpenDocuments();
    void reloadLive();
  });

  connection.onRequest(AuditVerifyRequest.method, (): Promise<AuditVerifyRequest.Result> => verifyForEditor(auditLogPath));
  connection.onRequest(AuditShowRequest.method, (): AuditShowRequest.Result => showForEditor(auditLogPath));

  connection.onShutdown(async () => {
    shuttingDown = true;
    await policy?.dispose();
    for (const entry of store?.all() ?? []) store?.close(entry.document.uri);
    parsers?.terraform.delete();
    parsers?.hcl.delete();
  });

  connection.listen();
}

/** A preview session as a client sent it: a role name and attributes (numbers as their text), nothing else. */
function sanitisePreviewSession(value: Partial<PreviewSessionSettings>): PreviewSessionSettings {
  const attributes: Record<string, string> = {};
  if (value.attributes && typeof value.attributes === 'object') {
    for (const [key, v] of Object.entries(value.attributes as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') attributes[key] = String(v);
  }
  return { ...(typeof value.role === 'string' && value.role !== '' ? { role: value.role } : {}), attributes };
}

/** Settings arrive from a client as JSON: keep only well-formed strings. */
function sanitiseCompliance(value: Partial<ComplianceSettings>): ComplianceSettings {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const profiles = strings(value.profiles);
  return { profiles: profiles.length > 0 ? profiles : [...defaultProfiles], allowedRegions: strings(value.allowedRegions) };
}
