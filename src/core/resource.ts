import type { ValueObject } from './value.js';

/** A position in a file, 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** Where a live resource was read from (later issues: the live-account loader). */
export interface Origin {
  account?: string;
  region?: string;
  apiCall?: string;
}

/** Which loader produced a resource, and the unit it belongs to (a stack, a TF module). */
export type SourceKind = 'cloudformation' | 'terraform' | 'terraform-plan' | 'cdk' | 'aws';

/** A rule suppression attached to a resource; `reason` is mandatory (checked by the engine). */
export interface Suppression {
  rule: string;
  reason?: string;
  /** Where the suppression was written, to report a missing reason precisely. */
  location?: Location;
  /** `metadata` (CloudFormation), `comment` (Terraform), `baseline` (baseline file). */
  via: 'metadata' | 'comment' | 'baseline';
}

export interface Resource {
  /** Unique within an inventory: `<file>#<id>` for IaC, the ARN for live resources. */
  key: string;
  /** CloudFormation type name, the one vocabulary: `AWS::SageMaker::NotebookInstance`. */
  type: string;
  /** CloudFormation logical id, Terraform address (`aws_s3_bucket.data`), or ARN. */
  id: string;
  arn?: string;
  /** CloudFormation property names, values resolved as far as they can be. */
  properties: ValueObject;
  source: SourceKind;
  /** The resource declaration itself. */
  location?: Location;
  origin?: Origin;
  /** Position of each property path (`DataCaptureConfig.InitialSamplingPercentage`). */
  propertyLocations: Record<string, Location>;
  suppressions: Suppression[];
  /** The template or module it belongs to; account-level rules judge per unit. */
  unit: string;
  /** The resource's own type as written, when it was mapped (`aws_sagemaker_model`). */
  nativeType?: string;
  /** CDK construct path, Pipeline step name and similar hints for people. */
  label?: string;
  /** A resource synthesized from inside another (a Pipeline's training step). */
  parent?: string;
  /** False when a CloudFormation Condition or Terraform count may leave it out at deploy. */
  conditional?: boolean;
}

/** The location of the nearest property path at or above `path`, else the resource's own. */
export function locate(resource: Resource, path: string | undefined): Location | undefined {
  let p = path;
  while (p) {
    const loc = resource.propertyLocations[p];
    if (loc) return loc;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
  return resource.location;
}
