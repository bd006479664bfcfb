import { allRules } from './allRules';
import { defaultAllowedRegions, normaliseRegion } from './regions';
import type { ProfileId, Rule, RuleSettings } from './ruleTypes';

/** The profiles, with what each one checks, for settings descriptions, `--help` and the docs. */
export const profiles: Readonly<Record<ProfileId, string>> = {
  baseline: 'No world-open admin or database ports, no public databases, encryption at rest, no secrets in code.',
  'eu-residency': 'Providers, resources, backups and replicas stay in the allowed regions (by default the EU and UK regions of AWS and Azure).',
  tls13: 'TLS 1.3-only listeners and policies, HSTS, no plain-HTTP endpoints.',
  cmek: 'Encryption at rest with customer-managed keys, and key rotation.',
  'least-privilege-iam': 'No `*`, `service:*`, `NotAction` or destructive actions in Allow statements; no Owner assignments.',
  'audit-retention': 'Audit logs under Object Lock and kept for at least the audit retention (365 days by default).',
};

export const profileIds = Object.keys(profiles) as ProfileId[];

/** The default of `cartograph.profiles` and `--profile`. */
export const defaultProfiles: readonly string[] = ['baseline'];

export const defaultAuditRetentionDays = 365;

/** What the user chose: profile names (`all` for every one), allowed regions, audit retention. */
export interface RuleOptions {
  profiles: readonly string[];
  /** Overrides the default EU and UK region list of `eu-residency`. Empty or absent: the default. */
  allowedRegions?: readonly string[];
  /** Minimum audit-log retention in days (default 365). */
  auditRetentionDays?: number;
}

/** Profile names that are neither a profile nor `all`, for an error message that lists the valid ones. */
export function unknownProfiles(names: readonly string[]): string[] {
  return names.filter((n) => n !== 'all' && !(n in profiles));
}

/** The rules the chosen profiles turn on. */
export function enabledRules(options: RuleOptions): Rule[] {
  const on = new Set<string>(options.profiles.includes('all') ? profileIds : options.profiles);
  return allRules.filter((r) => r.profiles.some((p) => on.has(p)));
}

export function ruleSettings(options: RuleOptions): RuleSettings {
  const regions = options.allowedRegions && options.allowedRegions.length > 0 ? options.allowedRegions : defaultAllowedRegions;
  return {
    allowedRegions: new Set(regions.map(normaliseRegion)),
    auditRetentionDays: options.auditRetentionDays ?? defaultAuditRetentionDays,
  };
}
