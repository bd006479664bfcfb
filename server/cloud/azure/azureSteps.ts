/**
 * The read-only lists an Azure import makes in each subscription, one step per resource type. Each
 * page is fetched as its own call (following `nextLink` through the SDK's continuation token), so
 * that every page has its own timeout and counts in the statistics.
 */
import type { NetworkManagementClient } from '@azure/arm-network';
import type { ResourceType } from '../../protocol/snapshot';
import { collectPages } from '../collectPages';
import type { ImportRun } from '../importRun';
import type { UncheckedResource } from '../sanitiseResource';
import { mapLoadBalancer } from './azureLoadBalancerMapper';
import { mapNatGateway, mapNetworkInterface, mapPublicIp, mapRouteTable, mapVirtualNetwork } from './azureNetworkMappers';
import { mapNetworkSecurityGroup } from './azureSecurityGroupMapper';

export interface AzureStepContext {
  client: NetworkManagementClient;
  run: ImportRun;
}

export interface AzureStep {
  /** The SDK operation, e.g. `virtualNetworks.listAll`. */
  operation: string;
  /** The role action it needs, e.g. `Microsoft.Network/virtualNetworks/read`. */
  permission: string;
  resourceTypes: ResourceType[];
  read(context: AzureStepContext): Promise<UncheckedResource[]>;
}

/** What every `listAll` of the SDK returns, reduced to the part the importer uses. */
interface PagedList<T> {
  byPage(settings?: { continuationToken?: string }): AsyncIterableIterator<T[] & { continuationToken?: string }>;
}

function listStep<T>(
  collection: string,
  resourceTypes: ResourceType[],
  list: (client: NetworkManagementClient, abortSignal: AbortSignal) => PagedList<T>,
  map: (item: T) => UncheckedResource | UncheckedResource[],
): AzureStep {
  const operation = `${collection}.listAll`;
  return {
    operation,
    permission: `Microsoft.Network/${collection}/read`,
    resourceTypes,
    read: async ({ client, run }) => {
      const items = await collectPages((token) =>
        run.call(operation, async (abortSignal) => {
          const pages = list(client, abortSignal).byPage(token ? { continuationToken: token } : undefined);
          const page = await pages.next();
          if (page.done) return { items: [] };
          return { items: page.value, next: page.value.continuationToken };
        }),
      );
      return items.flatMap(map);
    },
  };
}

export const azureSteps: readonly AzureStep[] = [
  listStep('networkInterfaces', ['networkInterface'], (c, abortSignal) => c.networkInterfaces.listAll({ abortSignal }), mapNetworkInterface),
  listStep('virtualNetworks', ['network', 'subnet', 'peering'], (c, abortSignal) => c.virtualNetworks.listAll({ abortSignal }), mapVirtualNetwork),
  listStep('networkSecurityGroups', ['securityGroup'], (c, abortSignal) => c.networkSecurityGroups.listAll({ abortSignal }), mapNetworkSecurityGroup),
  listStep('publicIPAddresses', ['publicIp'], (c, abortSignal) => c.publicIPAddresses.listAll({ abortSignal }), mapPublicIp),
  listStep('loadBalancers', ['loadBalancer'], (c, abortSignal) => c.loadBalancers.listAll({ abortSignal }), mapLoadBalancer),
  listStep('routeTables', ['routeTable'], (c, abortSignal) => c.routeTables.listAll({ abortSignal }), mapRouteTable),
  listStep('natGateways', ['natGateway'], (c, abortSignal) => c.natGateways.listAll({ abortSignal }), mapNatGateway),
];
