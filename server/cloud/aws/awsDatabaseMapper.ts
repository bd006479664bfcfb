/**
 * RDS database instances to the snapshot model. The master user name, the master password's secret
 * and every parameter are left out: a diagram and the database rules need where the database sits,
 * who can reach it and how it is protected, not how to log in.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import type { UncheckedResource } from '../sanitiseResource';
import { relationsTo } from '../relations';
import { awsResource, type AwsScope } from './awsResource';

export function mapDatabase(scope: AwsScope, db: DBInstance): UncheckedResource {
  const subnetGroup = db.DBSubnetGroup;
  return awsResource(scope, {
    id: db.DBInstanceArn ?? db.DBInstanceIdentifier ?? '',
    type: 'database',
    nativeType: 'AWS::RDS::DBInstance',
    tags: db.TagList,
    zone: db.AvailabilityZone,
    parent: subnetGroup?.VpcId,
    fallbackName: db.DBInstanceIdentifier,
    attributes: {
      identifier: db.DBInstanceIdentifier,
      engine: db.Engine,
      engineVersion: db.EngineVersion,
      instanceClass: db.DBInstanceClass,
      status: db.DBInstanceStatus,
      publiclyAccessible: db.PubliclyAccessible ?? false,
      storageEncrypted: db.StorageEncrypted ?? false,
      kmsKeyId: db.KmsKeyId,
      storageType: db.StorageType,
      allocatedStorageGb: db.AllocatedStorage,
      multiAz: db.MultiAZ ?? false,
      endpointAddress: db.Endpoint?.Address,
      port: db.Endpoint?.Port ?? db.DbInstancePort,
      backupRetentionDays: db.BackupRetentionPeriod,
      iamAuthentication: db.IAMDatabaseAuthenticationEnabled ?? false,
      deletionProtection: db.DeletionProtection ?? false,
      subnetGroupName: subnetGroup?.DBSubnetGroupName,
    },
    relations: [
      ...relationsTo('inSubnet', (subnetGroup?.Subnets ?? []).map((s) => s.SubnetIdentifier)),
      ...relationsTo('usesSecurityGroup', (db.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId)),
    ],
  });
}
