/**
 * How an Azure import signs in: a service principal (tenant, client id, client secret), the Azure
 * CLI's login, the standard chain (`DefaultAzureCredential`: environment, workload identity,
 * managed identity, the CLI and others), or a credential object the caller already has.
 */
import { AzureCliCredential, ClientSecretCredential, DefaultAzureCredential } from '@azure/identity';
import type { NetworkManagementClient } from '@azure/arm-network';

/** A credential as the Azure SDK takes it (an object with `getToken`). */
export type AzureTokenCredential = ConstructorParameters<typeof NetworkManagementClient>[0];

export type AzureCredentialSource =
  | { kind: 'default' }
  | { kind: 'cli'; tenantId?: string }
  | { kind: 'servicePrincipal'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'credential'; credential: AzureTokenCredential };

/** One or more subscriptions to import with one sign-in. */
export interface AzureConnection {
  label?: string;
  credentials: AzureCredentialSource;
  subscriptions: string[];
  /** An Azure Resource Manager endpoint instead of `https://management.azure.com` (sovereign clouds, test servers). */
  endpoint?: string;
  /** PEM certificates to trust for that endpoint, besides the system's. */
  trustedCaPem?: string;
}

export const armScope = 'https://management.azure.com/.default';

export function azureCredential(source: AzureCredentialSource): AzureTokenCredential {
  switch (source.kind) {
    case 'credential':
      return source.credential;
    case 'servicePrincipal':
      return new ClientSecretCredential(source.tenantId, source.clientId, source.clientSecret);
    case 'cli':
      return new AzureCliCredential(source.tenantId ? { tenantId: source.tenantId } : {});
    case 'default':
      return new DefaultAzureCredential();
  }
}
