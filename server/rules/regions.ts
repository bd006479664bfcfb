/**
 * Regions of the European Union and the United Kingdom, the default of `cartograph.allowedRegions`
 * for the `eu-residency` profile. Azure names are written without spaces and in lower case, the way
 * `normaliseRegion` turns `"West Europe"` into `westeurope`.
 */
export const euAwsRegions = ['eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3'];

export const euAzureRegions = [
  'austriaeast', 'belgiumcentral', 'denmarkeast', 'francecentral', 'francesouth', 'germanynorth', 'germanywestcentral', 'italynorth',
  'northeurope', 'polandcentral', 'spaincentral', 'swedencentral', 'swedensouth', 'westeurope', 'uksouth', 'ukwest',
];

export const defaultAllowedRegions: readonly string[] = [...euAwsRegions, ...euAzureRegions];

/** `"West Europe"` and `westeurope` are the same Azure location; AWS names are already lower case. */
export function normaliseRegion(region: string): string {
  return region.toLowerCase().replace(/[\s_]/g, '');
}
