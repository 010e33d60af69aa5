import type { Limits } from '../core/limits.js';
import type { Resource } from '../core/resource.js';
import type { InputRecord } from '../core/scan-result.js';

/** Options every loader receives. */
export interface LoadOptions {
  /** CloudFormation parameter values (`--param Key=Value`), overriding defaults. */
  parameters: Record<string, string>;
  /** Terraform variables (`-var name=value`), overriding defaults and .tfvars. */
  variables: Record<string, string>;
  /** Extra .tfvars files (`--var-file`). `terraform.tfvars` and `*.auto.tfvars` load by themselves. */
  varFiles: string[];
  limits: Limits;
  /** Pseudo parameters for CloudFormation (`AWS::Region`, `AWS::AccountId`); unknown when absent. */
  region?: string;
  accountId?: string;
}

/** A problem that did not stop an input from loading: an unknown resource type, a dangling Ref. */
export interface LoadWarning {
  message: string;
  line?: number;
  column?: number;
  /**
   * The input is wrong in a way its own tool would reject (CloudFormation refuses a template with
   * a Ref to a missing resource or an unknown resource type): the input is reported as failed
   * (exit code 2), yet what could be loaded from it is still scanned.
   */
  error?: boolean;
}

/** What loading one file (a template, a plan) yields. Errors are thrown as InputError. */
export interface LoadedFile {
  resources: Resource[];
  warnings: LoadWarning[];
}

/** What loading a multi-file unit (a Terraform module, a cdk.out assembly) yields. */
export interface LoadedUnit {
  resources: Resource[];
  /** One record per file of the unit: read, skipped or failed; failures never stop the rest. */
  inputs: InputRecord[];
}
