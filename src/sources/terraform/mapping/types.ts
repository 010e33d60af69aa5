import type { Location } from '../../../core/resource.js';
import type { Unknown, Value } from '../../../core/value.js';

// The shape of the Terraform → CloudFormation mapping tables (one file per AWS service under
// ../mappings/) and of the neutral input they are applied to, which both the HCL evaluator and
// the plan reader produce.

/** Named value conversions; see transforms.ts. */
export type ValueTransform =
  | 'json'
  | 'list'
  | 'tags'
  | 'keyValueList'
  | 'nameValueList'
  | 'contentList'
  | 'enabledStatus'
  | 'cannedAcl';

/** Named conversions of a whole set of nested blocks; see transforms.ts. */
export type BlockTransform = 'securityGroupIngress' | 'securityGroupEgress';

export type AttributeSpec =
  /** The CloudFormation property name; a dotted path nests (`LoggingConfiguration.LogFilePrefix`). */
  | string
  | {
      to: string;
      transform?: ValueTransform;
      /** Nested blocks (or object values) mapped attribute by attribute. */
      attributes?: Record<string, AttributeSpec>;
      /** Nested blocks become a list of objects, not a single object (the first block). */
      list?: boolean;
      blockTransform?: BlockTransform;
    };

export interface ChildMapping {
  /** Resources synthesized from parts of a Terraform resource (inline `route` blocks). */
  cfnType: string;
  /** Appended to the parent's address for the child's id: `<address>.route[0]`. */
  idSuffix: string;
  /** One child per nested block of this type; absent = one child from the parent's own attributes. */
  block?: string;
  /** The child property that refers back to the parent. */
  parentProperty: string;
  attributes: Record<string, AttributeSpec>;
}

export interface ResourceMapping {
  tfType: string;
  cfnType: string;
  attributes: Record<string, AttributeSpec>;
  /** The attribute holding the physical name that `id` returns (bucket name, role name). */
  idAttribute?: string;
  /** Terraform attribute → CloudFormation GetAtt name; null = a plain Ref. Defaults: see refs.ts. */
  refAttributes?: Record<string, string | null>;
  /**
   * Split-out resources (`aws_s3_bucket_versioning`) whose properties belong to another
   * resource: merged into the resource of `tfType` referenced by attribute `via`.
   */
  mergeInto?: { tfType: string; via: string };
  children?: ChildMapping[];
}

/** A resource body ready for mapping: evaluated HCL, or plan values. */
export interface SourceBody {
  attrs: Map<string, SourceAttr>;
  blocks: Map<string, SourceBlock[]>;
  loc?: Location;
}

export interface SourceAttr {
  value: Value;
  loc?: Location;
}

export interface SourceBlock {
  /** Absent when a dynamic block's `for_each` is not known: the content is Unknown. */
  body?: SourceBody;
  unknown?: Unknown;
  loc?: Location;
}

/** CloudFormation-shaped properties and the location of each property path. */
export interface Mapped {
  properties: Record<string, Value>;
  locations: Record<string, Location>;
  warnings: string[];
}
