/**
 * The parts of cloud import that load the AWS and Azure SDKs. The language server loads this
 * module on its first cloud request rather than when it starts: the SDKs took about 70 MB of its
 * resident memory, which an editing session that never imports should not pay.
 */
export { resolveAwsConnection } from './aws/awsConnection';
export { importAws } from './aws/awsImporter';
export { minimalAwsPolicy, newExternalId, trustPolicy } from './aws/awsPolicy';
export { armScope, azureCredential } from './azure/azureConnection';
export { importAzure } from './azure/azureImporter';
export { minimalAzureRole } from './azure/azurePolicy';
export { describeGap, fillingPolicy, resourceCounts } from './importSummary';
