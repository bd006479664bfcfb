import type { FindingSeverity, TextRange } from '../protocol/findings';
import type { Value } from '../terraform/values';

/** The profiles a user turns on (`cartograph.profiles`, `--profile`); `all` turns every one on. */
export type ProfileId = 'baseline' | 'eu-residency' | 'tls13' | 'cmek' | 'least-privilege-iam' | 'audit-retention';

/** A path into a resource: attribute and nested-block names, list indexes and object keys. */
export type ValuePath = readonly (string | number)[];

/**
 * A provider-neutral view of one resource (or data source, provider configuration, variable), which
 * is all a rule sees. The Terraform adapter answers from the evaluated configuration; a snapshot
 * adapter answers from a live resource. Values that cannot be known are Unknown, and an attribute the
 * source does not set at all is `undefined`, so that a rule can apply the provider's default.
 */
export interface ResourceView {
  /** `resource`, `data`, `provider` or `variable`. */
  kind: 'resource' | 'data' | 'provider' | 'variable';
  /** The resource type (`aws_security_group`), the provider name (`aws`) or `variable`. */
  type: string;
  /** How users name it: `aws_lb_listener.partner_api`, `data.aws_iam_policy_document.x`, `provider.aws.eu`, `var.db_password`. */
  address: string;
  /** The value of an attribute (a path into it after the name); `undefined` when the attribute is not set. */
  attribute(path: string | ValuePath): Value | undefined;
  /** The nested blocks of that name, in order, as views of their own. */
  blocks(name: string): ResourceView[];
  /**
   * The attribute's text with what cannot be known replaced by U+0000, so that a secret written
   * between two unknown interpolations is still seen. `undefined` when not set or not text.
   */
  text(name: string): string | undefined;
  /** The attribute decoded as a JSON document (a `jsonencode(…)` argument or a JSON string); parts that cannot be known are Unknown. */
  json(name: string): Value | undefined;
  /** True when the attribute is written as a literal constant, not computed from anything. */
  isLiteral(name: string): boolean;
  /** The region the resource lives in (AWS: its provider configuration's region or its own `region`; Azure: `location`). */
  region(): Value;
  /** True when the attribute names `target` (a reference to it or one of its attributes). */
  refersTo(name: string, target: ResourceView): boolean;
  /** The resource an attribute refers to, if it refers to exactly one. */
  referenced(name: string): ResourceView | undefined;
  /** Where the path is written: the deepest part of it found, else the block's header. */
  rangeOf(path?: string | ValuePath): TextRange;
  /** Where the whole block is, for inserting attributes and suppression comments. */
  blockRange(): TextRange;
}

/** The resolved options a rule sees. */
export interface RuleSettings {
  /** Regions resources may live in, lower case, Azure names without spaces. */
  allowedRegions: ReadonlySet<string>;
  /** Minimum retention of audit logs in days. */
  auditRetentionDays: number;
}

/** What a rule can ask about the rest of the configuration (resources of one module or one snapshot). */
export interface RuleContext {
  settings: RuleSettings;
  /** Every resource of a type in the same scope (a Terraform module, a snapshot). */
  resourcesOfType(type: string): ResourceView[];
}

/** A safe fix: set an attribute of a block (the resource or a nested block) to an HCL expression. */
export interface AttributeFix {
  title: string;
  /** The block to set it in. */
  target: ResourceView;
  attribute: string;
  /** The new value as HCL, e.g. `true` or `"ELBSecurityPolicy-TLS13-1-3-2021-06"`. */
  hcl: string;
}

/** One violation a rule reports. */
export interface RuleViolation {
  message: string;
  /** The view the range belongs to (a nested block's view, or the resource). */
  at: ResourceView;
  /** The attribute path inside `at`; the block header when absent. */
  path?: string | ValuePath;
  fix?: AttributeFix;
}

/** A compliance rule: stable data plus one pure check. */
export interface Rule {
  /** Stable ID: `CG-AWS-…`, `CG-AZ-…` or `CG-TF-…` for provider-neutral rules. */
  id: string;
  /** PascalCase name for SARIF. */
  name: string;
  title: string;
  severity: FindingSeverity;
  profiles: ProfileId[];
  /** The resource types (or `provider.aws`, `variable`) the rule looks at. */
  appliesTo: string[];
  rationale: string;
  remediation: string;
  references: string[];
  tags: string[];
  /** Configuration that breaks the rule and configuration that keeps it, shown in the docs page. */
  example: { bad: string; good: string };
  check(resource: ResourceView, context: RuleContext): RuleViolation[];
}
