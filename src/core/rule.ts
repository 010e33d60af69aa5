import type { References, Ring, Severity } from './finding.js';
import type { Inventory } from './inventory.js';
import type { Resource } from './resource.js';

export type Profile = 'default' | 'strict';
export const PROFILES: readonly Profile[] = ['default', 'strict'];

/** What a check says about one resource (or one aspect of it). */
export interface CheckResult {
  status: 'pass' | 'fail' | 'unknown';
  /** The property path that decided: `DirectInternetAccess`, `ProductionVariants[0].InstanceType`. */
  property?: string;
  message: string;
  /** Report the result against this resource instead of the checked one (a role for a notebook). */
  resource?: Resource;
}

export interface CheckContext {
  profile: Profile;
}

export interface Rule {
  /** Stable and readable; never reused. */
  id: string;
  title: string;
  ring: Ring;
  severity: Severity;
  /** CloudFormation types this rule judges; `check` runs once per resource of these types. */
  resourceTypes: string[];
  /** Why it matters, in two or three sentences. */
  rationale: string;
  /** What to change. */
  remediation: string;
  references: References;
  /** Profiles that run the rule; absent means every profile. */
  profiles?: Profile[];
  /**
   * Loads what a heavy rule needs, before any check runs. A rule whose engine is large imports it
   * here, so scans that do not run the rule do not pay for loading it; given the inventory, it
   * may also skip what the inventory has nothing for.
   */
  prepare?(inventory?: Inventory): Promise<void>;
  check?(resource: Resource, inventory: Inventory, context: CheckContext): CheckResult[];
  /**
   * For account-level controls ("no trail at all"): runs once per scan. Results must name a
   * resource, or they are reported against the scan as a whole.
   */
  checkInventory?(inventory: Inventory, context: CheckContext): CheckResult[];
}

export const pass = (property: string | undefined, message: string): CheckResult => ({ status: 'pass', property, message });
export const fail = (property: string | undefined, message: string): CheckResult => ({ status: 'fail', property, message });
export const unknown = (property: string | undefined, message: string): CheckResult => ({ status: 'unknown', property, message });
