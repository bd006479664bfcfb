/**
 * The custom LSP requests of cloud import, shared by the language server (which imports, writes
 * snapshots and the audit log) and the VS Code client (which keeps the connections and their
 * secrets). Types only: nothing here runs.
 *
 * Secrets travel only inside a request's `secrets`, from the client's SecretStorage to the server's
 * memory, for the one import or test that needs them; the server never writes or logs them.
 */
import type { CloudProvider, ImportGap, ImportIdentity, ResourceType } from './snapshot';

/**
 * How an AWS connection signs in: assume a role with an ExternalId (recommended), static keys, a
 * named profile, or the standard credential chain (environment, SSO, shared files, instance roles).
 */
export type AwsAuthKind = 'assumeRole' | 'staticKeys' | 'profile' | 'default';

/** How an Azure connection signs in: a service principal, or the Azure CLI's login (`az login`). */
export type AzureAuthKind = 'servicePrincipal' | 'cli';

/** What every connection has. None of it is secret: it may be stored in `globalState` and logged. */
interface ConnectionSettingsBase {
  /** A stable id made by the client: letters, digits, `-` and `_` only (it names a folder). */
  id: string;
  /** The user's name for it, e.g. `production`. */
  label: string;
  /** An endpoint instead of the cloud's own (LocalStack, moto, a sovereign cloud, a test server). */
  endpoint?: string;
}

/** An AWS connection's non-secret settings. */
export interface AwsConnectionSettings extends ConnectionSettingsBase {
  provider: 'aws';
  auth: AwsAuthKind;
  /** The regions an import reads unless the import names others. */
  regions: string[];
  /** `assumeRole`: the role to assume. */
  roleArn?: string;
  /** `assumeRole`: the ExternalId the role's trust policy requires. */
  externalId?: string;
  /** `profile`: the profile's name; `assumeRole`: the profile that assumes the role, if any. */
  profile?: string;
}

/** An Azure connection's non-secret settings. */
export interface AzureConnectionSettings extends ConnectionSettingsBase {
  provider: 'azure';
  auth: AzureAuthKind;
  /** `servicePrincipal` (and optionally `cli`): the directory (tenant) id. */
  tenantId?: string;
  /** `servicePrincipal`: the application (client) id. */
  clientId?: string;
  /** The subscriptions an import reads unless the import names others. */
  subscriptions: string[];
}

/** A connection as the client stores it in `globalState` (without its secrets). */
export type CloudConnectionSettings = AwsConnectionSettings | AzureConnectionSettings;

/**
 * A connection's secrets, from SecretStorage. AWS `staticKeys` (and `assumeRole` from static keys):
 * the access key pair and an optional session token; Azure `servicePrincipal`: the client secret.
 */
export interface CloudSecrets {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  clientSecret?: string;
}

/** What an import or a snapshot on disk holds, in brief: for the tree view and the messages. */
export interface ImportDigest {
  /** When the import started, ISO 8601 in UTC. */
  importedAt: string;
  identities: ImportIdentity[];
  regions: string[];
  resourceCount: number;
  /** Resources per kind, most numerous first. */
  counts: { type: ResourceType; count: number }[];
  gaps: ImportGap[];
}

/**
 * `cartograph/cloudImport`: imports one connection and, when the import read anything, writes its
 * snapshot atomically into `<storagePath>/snapshots/<connection id>/`. Reports work-done progress
 * when the params carry a `workDoneToken`, and stops when the request is cancelled (then nothing is
 * written). Refused in an untrusted workspace. Every import appends an audit entry.
 */
export namespace CloudImportRequest {
  export const method = 'cartograph/cloudImport';
  export interface Params {
    connection: CloudConnectionSettings;
    secrets?: CloudSecrets;
    /** AWS regions or Azure subscriptions for this import; the connection's own when absent. */
    scope?: string[];
    /** The LSP work-done token the client follows for progress. */
    workDoneToken?: string | number;
  }
  export interface Result {
    /**
     * `completed`: a snapshot was written (it may have gaps); `failed`: nothing was read or written
     * and the previous snapshot is kept; `cancelled`: the user stopped it, nothing was written.
     */
    status: 'completed' | 'failed' | 'cancelled';
    /** One sentence for the user, naming what to do when the import failed. Never holds a secret. */
    message: string;
    /** The snapshot file written (`completed` only). */
    snapshotFile?: string;
    /** What this import read (absent when it was cancelled or refused before it began). */
    digest?: ImportDigest;
    /**
     * The IAM policy (AWS) or custom role (Azure) that fills the denied gaps, as JSON text to copy;
     * absent when no gap was a denied call.
     */
    fillingPolicy?: string;
  }
}

/** The last snapshot of one connection, as stored. */
export interface ConnectionSnapshotInfo {
  connectionId: string;
  provider: CloudProvider;
  file: string;
  digest: ImportDigest;
}

/**
 * `cartograph/cloudSnapshots`: the last good snapshot of each connection that has one (or of the
 * connections named), read from the global storage.
 */
export namespace CloudSnapshotsRequest {
  export const method = 'cartograph/cloudSnapshots';
  export interface Params {
    connectionIds?: string[];
  }
  export interface Result {
    snapshots: ConnectionSnapshotInfo[];
    /** Snapshot files that could not be read, with why. */
    unreadable: { file: string; reason: string }[];
  }
}

/**
 * `cartograph/cloudPolicies`: the documents a user needs to grant Cartograph read access, as JSON
 * text to copy. AWS: the minimal read-only IAM policy and, for a role, its trust policy with an
 * ExternalId (a fresh one unless given); Azure: the minimal custom role.
 */
export namespace CloudPoliciesRequest {
  export const method = 'cartograph/cloudPolicies';
  export interface Params {
    provider: CloudProvider;
    /** AWS: the account whose credentials assume the role (a placeholder when unknown). */
    trustedAccountId?: string;
    /** AWS: the ExternalId to put in the trust policy; a new one is generated when absent. */
    externalId?: string;
    /** Azure: the subscriptions the role may be assigned in. */
    subscriptions?: string[];
    /** Only the permissions these gaps were denied; every permission an import needs when absent. */
    gaps?: ImportGap[];
  }
  export interface Result {
    /** AWS: the ExternalId the trust policy requires. */
    externalId?: string;
    /** AWS: the role's trust policy. */
    trustPolicy?: string;
    /** The read-only IAM policy (AWS) or custom role definition (Azure); absent when no gap was a denied call. */
    readOnlyPolicy?: string;
  }
}

/**
 * `cartograph/cloudTestConnection`: signs in with a connection and makes one cheap call (AWS STS
 * GetCallerIdentity, after AssumeRole for a role; Azure a token and one list of virtual networks).
 */
export namespace CloudTestConnectionRequest {
  export const method = 'cartograph/cloudTestConnection';
  export interface Params {
    connection: CloudConnectionSettings;
    secrets?: CloudSecrets;
  }
  export interface Result {
    ok: boolean;
    /** The account or subscription signed in to. */
    account?: string;
    /** The principal's ARN (AWS) when known. */
    principal?: string;
    /** What happened, and what to fix when it failed. Never holds a secret. */
    message: string;
  }
}

/**
 * `cartograph/cloudConnectionChanged`: the client added, edited or removed a connection; the server
 * records it in the audit log (non-secret settings only).
 */
export namespace CloudConnectionChangedRequest {
  export const method = 'cartograph/cloudConnectionChanged';
  export interface Params {
    change: 'added' | 'edited' | 'removed';
    connection: CloudConnectionSettings;
  }
  export type Result = null;
}
