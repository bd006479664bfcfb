/**
 * EC2 instances, network interfaces and elastic IPs to the snapshot model. User data is never read:
 * it is not part of DescribeInstances, and the importer never calls DescribeInstanceAttribute.
 */
import type { Address, Instance, NetworkInterface } from '@aws-sdk/client-ec2';
import type { UncheckedResource } from '../sanitiseResource';
import { present, relationsTo } from '../relations';
import { awsResource, type AwsScope } from './awsResource';

export function mapInstance(scope: AwsScope, instance: Instance): UncheckedResource {
  const profileArn = instance.IamInstanceProfile?.Arn;
  return awsResource(scope, {
    id: instance.InstanceId ?? '',
    type: 'instance',
    nativeType: 'AWS::EC2::Instance',
    tags: instance.Tags,
    zone: instance.Placement?.AvailabilityZone,
    parent: instance.SubnetId,
    attributes: {
      instanceType: instance.InstanceType,
      state: instance.State?.Name,
      imageId: instance.ImageId,
      privateIpAddress: instance.PrivateIpAddress,
      publicIpAddress: instance.PublicIpAddress,
      architecture: instance.Architecture,
      platform: instance.PlatformDetails ?? instance.Platform,
      iamInstanceProfile: profileArn,
      metadataHttpTokens: instance.MetadataOptions?.HttpTokens,
      monitoring: instance.Monitoring?.State,
      keyName: instance.KeyName,
    },
    relations: relationsTo('usesSecurityGroup', (instance.SecurityGroups ?? []).map((g) => g.GroupId)),
  });
}

export function mapNetworkInterface(scope: AwsScope, eni: NetworkInterface): UncheckedResource {
  return awsResource(scope, {
    id: eni.NetworkInterfaceId ?? '',
    type: 'networkInterface',
    nativeType: 'AWS::EC2::NetworkInterface',
    tags: eni.TagSet,
    zone: eni.AvailabilityZone,
    parent: eni.SubnetId,
    attributes: {
      interfaceType: eni.InterfaceType,
      status: eni.Status,
      privateIpAddresses: present([eni.PrivateIpAddress, ...(eni.PrivateIpAddresses ?? []).map((a) => a.PrivateIpAddress)]),
      publicIp: eni.Association?.PublicIp,
      sourceDestCheck: eni.SourceDestCheck,
      description: eni.Description,
    },
    relations: [
      ...relationsTo('attachedTo', [eni.Attachment?.InstanceId]),
      ...relationsTo('usesSecurityGroup', (eni.Groups ?? []).map((g) => g.GroupId)),
    ],
  });
}

export function mapAddress(scope: AwsScope, address: Address): UncheckedResource {
  return awsResource(scope, {
    id: address.AllocationId ?? address.PublicIp ?? '',
    type: 'publicIp',
    nativeType: 'AWS::EC2::EIP',
    tags: address.Tags,
    fallbackName: address.PublicIp,
    attributes: {
      publicIp: address.PublicIp,
      privateIp: address.PrivateIpAddress,
      domain: address.Domain,
    },
    relations: relationsTo('attachedTo', [address.NetworkInterfaceId, address.InstanceId]),
  });
}
