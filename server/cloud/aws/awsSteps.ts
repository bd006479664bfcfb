/**
 * The read-only calls an AWS import makes in each account and region, one step per list operation.
 * Each step pages to the end with the largest page the API allows (the fewest calls) and maps every
 * page to the snapshot model at once, so no SDK object outlives its page.
 */
import {
  DescribeAddressesCommand,
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
import type { ResourceType } from '../../protocol/snapshot';
import { collectPages } from '../collectPages';
import type { ImportRun } from '../importRun';
import type { UncheckedResource } from '../sanitiseResource';
import { mapAddress, mapInstance, mapNetworkInterface } from './awsComputeMappers';
import { mapDatabase } from './awsDatabaseMapper';
import { mapListener, mapLoadBalancer, mapTargetGroup } from './awsLoadBalancerMappers';
import {
  mapEgressOnlyInternetGateway,
  mapInternetGateway,
  mapNatGateway,
  mapPeering,
  mapRouteTable,
  mapSubnet,
  mapTransitGatewayAttachment,
  mapVpc,
  mapVpcEndpoint,
} from './awsNetworkMappers';
import type { AwsScope } from './awsResource';
import { mapSecurityGroup } from './awsSecurityGroupMapper';

export interface AwsClients {
  ec2: EC2Client;
  elb: ElasticLoadBalancingV2Client;
  rds: RDSClient;
}

export interface AwsStepContext {
  scope: AwsScope;
  clients: AwsClients;
  run: ImportRun;
}

/** The IAM service prefixes of the calls, as IAM policies spell them. */
export type AwsService = 'ec2' | 'elasticloadbalancing' | 'rds';

export interface AwsStep {
  service: AwsService;
  operation: string;
  resourceTypes: ResourceType[];
  read(context: AwsStepContext): Promise<UncheckedResource[]>;
  /** Calls the step makes per resource it found (listeners per load balancer), which need permissions too. */
  followUps?: { operation: string; resourceTypes: ResourceType[] }[];
}

/** The largest page each EC2 Describe call accepts. */
const ec2Page = 1000;

function ec2Step<T>(
  operation: string,
  resourceTypes: ResourceType[],
  fetch: (ec2: EC2Client, token: string | undefined, signal: AbortSignal) => Promise<{ items: T[] | undefined; next?: string | undefined }>,
  map: (scope: AwsScope, item: T) => UncheckedResource,
): AwsStep {
  return {
    service: 'ec2',
    operation,
    resourceTypes,
    read: async ({ scope, clients, run }) => {
      const items = await collectPages((token) => run.call(operation, (signal) => fetch(clients.ec2, token, signal)));
      return items.map((item) => map(scope, item));
    },
  };
}

/** In order of expected duration, longest first, so that the short calls overlap the long ones. */
export const awsSteps: readonly AwsStep[] = [
  ec2Step(
    'DescribeInstances',
    ['instance'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeInstancesCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: (out.Reservations ?? []).flatMap((r) => r.Instances ?? []), next: out.NextToken };
    },
    mapInstance,
  ),
  ec2Step(
    'DescribeNetworkInterfaces',
    ['networkInterface'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeNetworkInterfacesCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.NetworkInterfaces, next: out.NextToken };
    },
    mapNetworkInterface,
  ),
  ec2Step(
    'DescribeSecurityGroups',
    ['securityGroup'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.SecurityGroups, next: out.NextToken };
    },
    mapSecurityGroup,
  ),
  ec2Step(
    'DescribeSubnets',
    ['subnet'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeSubnetsCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.Subnets, next: out.NextToken };
    },
    mapSubnet,
  ),
  ec2Step(
    'DescribeVpcs',
    ['network'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeVpcsCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.Vpcs, next: out.NextToken };
    },
    mapVpc,
  ),
  ec2Step(
    'DescribeRouteTables',
    ['routeTable'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeRouteTablesCommand({ MaxResults: 100, NextToken }), { abortSignal });
      return { items: out.RouteTables, next: out.NextToken };
    },
    mapRouteTable,
  ),
  ec2Step(
    'DescribeInternetGateways',
    ['internetGateway'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeInternetGatewaysCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.InternetGateways, next: out.NextToken };
    },
    mapInternetGateway,
  ),
  ec2Step(
    'DescribeEgressOnlyInternetGateways',
    ['egressOnlyInternetGateway'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeEgressOnlyInternetGatewaysCommand({ MaxResults: 255, NextToken }), { abortSignal });
      return { items: out.EgressOnlyInternetGateways, next: out.NextToken };
    },
    mapEgressOnlyInternetGateway,
  ),
  ec2Step(
    'DescribeNatGateways',
    ['natGateway'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeNatGatewaysCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.NatGateways, next: out.NextToken };
    },
    mapNatGateway,
  ),
  ec2Step(
    'DescribeAddresses',
    ['publicIp'],
    // DescribeAddresses is not paged: one call returns every address of the region.
    async (ec2, _token, abortSignal) => {
      const out = await ec2.send(new DescribeAddressesCommand({}), { abortSignal });
      return { items: out.Addresses };
    },
    mapAddress,
  ),
  ec2Step(
    'DescribeVpcPeeringConnections',
    ['peering'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeVpcPeeringConnectionsCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.VpcPeeringConnections, next: out.NextToken };
    },
    mapPeering,
  ),
  ec2Step(
    'DescribeVpcEndpoints',
    ['endpoint'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeVpcEndpointsCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.VpcEndpoints, next: out.NextToken };
    },
    mapVpcEndpoint,
  ),
  ec2Step(
    'DescribeTransitGatewayAttachments',
    ['transitGatewayAttachment'],
    async (ec2, NextToken, abortSignal) => {
      const out = await ec2.send(new DescribeTransitGatewayAttachmentsCommand({ MaxResults: ec2Page, NextToken }), { abortSignal });
      return { items: out.TransitGatewayAttachments, next: out.NextToken };
    },
    mapTransitGatewayAttachment,
  ),
  {
    service: 'elasticloadbalancing',
    operation: 'DescribeLoadBalancers',
    resourceTypes: ['loadBalancer', 'listener'],
    followUps: [{ operation: 'DescribeListeners', resourceTypes: ['listener'] }],
    read: async ({ scope, clients, run }) => {
      const balancers = await collectPages((Marker) =>
        run.call('DescribeLoadBalancers', async (abortSignal) => {
          const out = await clients.elb.send(new DescribeLoadBalancersCommand({ PageSize: 400, Marker }), { abortSignal });
          return { items: out.LoadBalancers, next: out.NextMarker };
        }),
      );
      const listeners = await Promise.all(
        balancers.map((lb) =>
          followUp(run, scope, 'elasticloadbalancing', 'DescribeListeners', ['listener'], () =>
            collectPages((Marker) =>
              run.call('DescribeListeners', async (abortSignal) => {
                const out = await clients.elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn, PageSize: 400, Marker }), {
                  abortSignal,
                });
                return { items: out.Listeners, next: out.NextMarker };
              }),
            ),
          ),
        ),
      );
      return [...balancers.map((lb) => mapLoadBalancer(scope, lb)), ...listeners.flatMap((list) => (list ?? []).map((l) => mapListener(scope, l)))];
    },
  },
  {
    service: 'elasticloadbalancing',
    operation: 'DescribeTargetGroups',
    resourceTypes: ['targetGroup'],
    followUps: [{ operation: 'DescribeTargetHealth', resourceTypes: ['targetGroup'] }],
    read: async ({ scope, clients, run }) => {
      const groups = await collectPages((Marker) =>
        run.call('DescribeTargetGroups', async (abortSignal) => {
          const out = await clients.elb.send(new DescribeTargetGroupsCommand({ PageSize: 400, Marker }), { abortSignal });
          return { items: out.TargetGroups, next: out.NextMarker };
        }),
      );
      return Promise.all(
        groups.map(async (group) => {
          // DescribeTargetHealth is not paged: one call returns every target of the group.
          const health = await followUp(run, scope, 'elasticloadbalancing', 'DescribeTargetHealth', ['targetGroup'], () =>
            run.call('DescribeTargetHealth', async (abortSignal) => {
              const out = await clients.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }), { abortSignal });
              return out.TargetHealthDescriptions ?? [];
            }),
          );
          return mapTargetGroup(scope, group, health);
        }),
      );
    },
  },
  {
    service: 'rds',
    operation: 'DescribeDBInstances',
    resourceTypes: ['database'],
    read: async ({ scope, clients, run }) => {
      const databases = await collectPages((Marker) =>
        run.call('DescribeDBInstances', async (abortSignal) => {
          const out = await clients.rds.send(new DescribeDBInstancesCommand({ MaxRecords: 100, Marker }), { abortSignal });
          return { items: out.DBInstances, next: out.Marker };
        }),
      );
      return databases.map((db) => mapDatabase(scope, db));
    },
  },
];

/**
 * A call made for one resource a step found. Its failure becomes a gap of its own (the load
 * balancers are still imported when their listeners cannot be read); cancellation still stops all.
 */
async function followUp<T>(
  run: ImportRun,
  scope: AwsScope,
  service: AwsService,
  operation: string,
  resourceTypes: ResourceType[],
  body: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await body();
  } catch (error) {
    run.checkCancelled();
    const { reason, message } = run.classify(error);
    run.addGap({ account: scope.account, region: scope.region, operation, permission: `${service}:${operation}`, resourceTypes, reason, message });
    return undefined;
  }
}

/** Every IAM action an AWS import needs, for the full read-only policy. */
export function awsImportPermissions(): string[] {
  const actions = awsSteps.flatMap((step) => [step.operation, ...(step.followUps ?? []).map((f) => f.operation)].map((op) => `${step.service}:${op}`));
  return [...new Set(actions)].sort();
}
