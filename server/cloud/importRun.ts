/**
 * The state of one running import, shared by the AWS and Azure importers: the resources read so far,
 * the gaps, the call counters, progress and cancellation. Each step (one list operation in one
 * account and region) stands alone: when it fails, its failure becomes a gap and every other step
 * goes on. Only cancellation stops the whole import.
 */
import {
  snapshotFormatName,
  snapshotFormatVersion,
  type CloudProvider,
  type CloudResource,
  type CloudSnapshot,
  type GapReason,
  type ImportGap,
  type ImportIdentity,
  type ImportProgress,
  type ResourceType,
} from '../protocol/snapshot';
import { createLimiter, type Limiter } from './concurrencyLimiter';
import { redactSecretsInText } from './secretPatterns';
import { sanitiseResource, type RedactionCounter, type UncheckedResource } from './sanitiseResource';

/** What a caller (the CLI, the VS Code client) passes to follow and stop an import. */
export interface ImportHooks {
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting it cancels the import: calls in flight are abandoned and nothing is returned. */
  signal?: AbortSignal;
}

/** Thrown by an importer when its signal is aborted. A cancelled import never yields a snapshot. */
export class ImportCancelledError extends Error {
  constructor() {
    super('The import was cancelled; no snapshot was written.');
    this.name = 'ImportCancelledError';
  }
}

/** Thrown inside a step when one call takes longer than the import's per-call timeout. */
export class CallTimeoutError extends Error {
  constructor(operation: string, timeoutMs: number) {
    super(`${operation} did not answer within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'CallTimeoutError';
  }
}

/** One step: the list operation, where it runs, the permission it needs and what it yields. */
export interface StepDescription {
  account?: string;
  region?: string;
  operation: string;
  permission: string;
  resourceTypes: ResourceType[];
}

/** How a provider's errors become gaps. */
export type ErrorClassifier = (error: unknown) => { reason: GapReason; message: string };

export interface ImportRunOptions {
  provider: CloudProvider;
  classify: ErrorClassifier;
  /** API calls in flight at once, across every account and region (default 8). */
  concurrency?: number;
  /** The longest one call (one page) may take before it becomes a gap (default 60 s). */
  callTimeoutMs?: number;
}

export class ImportRun {
  readonly resources: CloudResource[] = [];
  readonly gaps: ImportGap[] = [];
  readonly redaction: RedactionCounter = { redacted: 0 };
  calls = 0;
  succeededCalls = 0;
  readonly startedAt = new Date();
  private readonly limit: Limiter;
  private readonly callTimeoutMs: number;
  private done = 0;
  private total = 0;

  constructor(
    private readonly options: ImportRunOptions,
    private readonly hooks: ImportHooks = {},
  ) {
    this.limit = createLimiter(options.concurrency ?? 8);
    this.callTimeoutMs = options.callTimeoutMs ?? 60_000;
  }

  /** Throws `ImportCancelledError` once the caller has cancelled. */
  checkCancelled(): void {
    if (this.hooks.signal?.aborted) throw new ImportCancelledError();
  }

  /** Announces steps that will run, so that progress has a total. */
  plan(steps: number): void {
    this.total += steps;
  }

  /** Counts planned steps that will not run (a connection whose credentials failed) as done. */
  skip(steps: number): void {
    this.done += steps;
  }

  /**
   * Makes one API call under the concurrency bound and the per-call timeout. `send` receives the
   * signal to hand to the SDK; it aborts on cancellation and on timeout. Sign-in calls (`auth`)
   * count as calls but not as reads, so that an import that signed in and read nothing is known
   * to have failed.
   */
  async call<T>(operation: string, send: (signal: AbortSignal) => Promise<T>, kind: 'read' | 'auth' = 'read'): Promise<T> {
    return this.limit(async () => {
      this.checkCancelled();
      const timeout = AbortSignal.timeout(this.callTimeoutMs);
      const signal = this.hooks.signal ? AbortSignal.any([this.hooks.signal, timeout]) : timeout;
      this.calls++;
      try {
        // Race the call against its signal too, so that a client that ignores the signal (or a
        // socket that never answers) still ends at the timeout.
        const result = await Promise.race([send(signal), rejectOnAbort(signal)]);
        if (kind === 'read') this.succeededCalls++;
        return result;
      } catch (error) {
        this.checkCancelled();
        if (timeout.aborted) throw new CallTimeoutError(operation, this.callTimeoutMs);
        throw error;
      }
    });
  }

  /**
   * Runs one step that was planned. Its resources join the snapshot (sanitised); its failure
   * becomes a gap. Returns the step's resources, or `undefined` when it failed.
   */
  async step(description: StepDescription, body: () => Promise<UncheckedResource[]>): Promise<CloudResource[] | undefined> {
    let outcome: string;
    let resources: CloudResource[] | undefined;
    try {
      const read = await body();
      resources = read.map((r) => sanitiseResource(r, this.redaction));
      this.resources.push(...resources);
      outcome = `${resources.length} ${resources.length === 1 ? 'resource' : 'resources'}`;
    } catch (error) {
      this.checkCancelled();
      const { reason, message } = this.classify(error);
      this.addGap({ ...description, reason, message });
      outcome = `gap (${reason})`;
    }
    this.done++;
    const where = [description.account, description.region].filter(Boolean).join(' ');
    this.hooks.onProgress?.({ done: this.done, total: Math.max(this.total, this.done), message: `${where} ${description.operation}: ${outcome}`.trim() });
    return resources;
  }

  /** The reason and message of a gap for this error (a call timeout, or the provider's own errors). */
  classify(error: unknown): { reason: GapReason; message: string } {
    if (error instanceof CallTimeoutError) return { reason: 'timeout', message: error.message };
    return this.options.classify(error);
  }

  /** Records a gap, once per account, region, operation and reason. */
  addGap(gap: StepDescription & { reason: GapReason; message: string }): void {
    const message = redactSecretsInText(gap.message).slice(0, 500);
    const duplicate = this.gaps.some(
      (g) => g.account === gap.account && g.region === gap.region && g.operation === gap.operation && g.reason === gap.reason,
    );
    if (duplicate) return;
    const entry: ImportGap = {
      provider: this.options.provider,
      operation: gap.operation,
      permission: gap.permission,
      resourceTypes: gap.resourceTypes,
      reason: gap.reason,
      message,
    };
    if (gap.account !== undefined) entry.account = gap.account;
    if (gap.region !== undefined) entry.region = gap.region;
    this.gaps.push(entry);
  }

  durationMs(): number {
    return Date.now() - this.startedAt.getTime();
  }

  /** The finished snapshot, in a stable order (resources by type and id, gaps by place and call). */
  toSnapshot(identities: ImportIdentity[], regions: string[]): CloudSnapshot {
    this.checkCancelled();
    const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const resources = dedupe(this.resources).sort((a, b) => byKey(a.type, b.type) || byKey(a.id, b.id) || byKey(a.region, b.region));
    const gapKey = (g: ImportGap): string => [g.account ?? '', g.region ?? '', g.operation, g.reason].join('\u0000');
    const gaps = [...this.gaps].sort((a, b) => byKey(gapKey(a), gapKey(b)));
    return {
      format: snapshotFormatName,
      version: snapshotFormatVersion,
      provider: this.options.provider,
      importedAt: this.startedAt.toISOString(),
      identities,
      regions: [...new Set(regions)].sort(),
      resources,
      gaps,
      stats: { calls: this.calls, succeededCalls: this.succeededCalls, durationMs: this.durationMs(), redactedValues: this.redaction.redacted },
    };
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    const fail = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/**
 * A resource seen from two regions (a cross-region peering, listed by both sides) is kept once: the
 * copy from its home region (the requester's, for a peering) when there is one, else the first.
 */
function dedupe(resources: readonly CloudResource[]): CloudResource[] {
  const byId = new Map<string, CloudResource>();
  for (const resource of resources) {
    const key = `${resource.account}\u0000${resource.id}`;
    const kept = byId.get(key);
    if (!kept) byId.set(key, resource);
    else if (resource.attributes.requesterRegion === resource.region && kept.attributes.requesterRegion !== kept.region) byId.set(key, resource);
  }
  return [...byId.values()];
}
