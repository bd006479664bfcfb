import type * as vscode from 'vscode';
import type { CloudConnectionSettings, CloudImportRequest, CloudSecrets, ImportDigest } from '../../server/protocol/cloudMessages';

/** The outcome of a connection's last import, as the client remembers it (no secrets). */
export interface LastImport {
  status: CloudImportRequest.Result['status'];
  /** When the import finished, ISO 8601. */
  at: string;
  message: string;
  /** The AWS regions or Azure subscriptions it was asked to read. */
  scope: string[];
  digest?: ImportDigest;
  snapshotFile?: string;
  fillingPolicy?: string;
}

/** Everything the store keeps in `globalState`: non-secret by construction. */
export interface StoredCloudState {
  connections: CloudConnectionSettings[];
  lastImports: Record<string, LastImport>;
  /** The last good import of each connection (a failed one after it does not replace it). */
  lastGood: Record<string, LastImport>;
}

const connectionsKey = 'cartograph.cloud.connections';
const lastImportsKey = 'cartograph.cloud.lastImports';
const lastGoodKey = 'cartograph.cloud.lastGood';
const secretKey = (id: string): string => `cartograph.cloud.secrets.${id}`;

/**
 * The credential manager's storage: connection settings and import outcomes in `globalState`
 * (synchronised with nothing, readable by nothing outside the extension), secrets only in
 * SecretStorage (the operating system's keychain). Nothing here is written to settings or files.
 */
export class ConnectionStore {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secretStorage: vscode.SecretStorage,
  ) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  all(): CloudConnectionSettings[] {
    return this.state.get<CloudConnectionSettings[]>(connectionsKey, []);
  }

  get(id: string): CloudConnectionSettings | undefined {
    return this.all().find((c) => c.id === id);
  }

  /** Adds or replaces a connection; `secrets`, when given, replace the stored ones. */
  async save(connection: CloudConnectionSettings, secrets?: CloudSecrets): Promise<void> {
    if (secrets) {
      const kept = Object.fromEntries(Object.entries(secrets).filter(([, v]) => typeof v === 'string' && v !== ''));
      if (Object.keys(kept).length > 0) await this.secretStorage.store(secretKey(connection.id), JSON.stringify(kept));
      else await this.secretStorage.delete(secretKey(connection.id));
    }
    const others = this.all().filter((c) => c.id !== connection.id);
    const index = this.all().findIndex((c) => c.id === connection.id);
    const next = [...others];
    next.splice(index < 0 ? next.length : index, 0, connection);
    await this.state.update(connectionsKey, next);
    this.changed();
  }

  async remove(id: string): Promise<void> {
    await this.secretStorage.delete(secretKey(id));
    await this.state.update(connectionsKey, this.all().filter((c) => c.id !== id));
    const { [id]: _last, ...lastImports } = this.lastImports();
    const { [id]: _good, ...lastGood } = this.lastGoodImports();
    await this.state.update(lastImportsKey, lastImports);
    await this.state.update(lastGoodKey, lastGood);
    this.changed();
  }

  async secrets(id: string): Promise<CloudSecrets | undefined> {
    const text = await this.secretStorage.get(secretKey(id));
    if (!text) return undefined;
    try {
      return JSON.parse(text) as CloudSecrets;
    } catch {
      return undefined;
    }
  }

  lastImports(): Record<string, LastImport> {
    return this.state.get<Record<string, LastImport>>(lastImportsKey, {});
  }

  lastGoodImports(): Record<string, LastImport> {
    return this.state.get<Record<string, LastImport>>(lastGoodKey, {});
  }

  async recordImport(id: string, outcome: LastImport): Promise<void> {
    await this.state.update(lastImportsKey, { ...this.lastImports(), [id]: outcome });
    if (outcome.status === 'completed') await this.state.update(lastGoodKey, { ...this.lastGoodImports(), [id]: outcome });
    this.changed();
  }

  /** Fills in a last good import found on disk (a snapshot from before this machine's state). */
  async adoptSnapshot(id: string, outcome: LastImport): Promise<void> {
    if (this.lastGoodImports()[id]) return;
    await this.state.update(lastGoodKey, { ...this.lastGoodImports(), [id]: outcome });
    this.changed();
  }

  /** Exactly what is kept in `globalState`, for the commands to return and tests to check. */
  stored(): StoredCloudState {
    return { connections: this.all(), lastImports: this.lastImports(), lastGood: this.lastGoodImports() };
  }
}
