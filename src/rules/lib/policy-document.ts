import type { Resource } from '../../core/resource.js';

/**
 * Policy documents as values, for rules. The parsing itself lives with the IAM engine
 * (src/iam/inventory/document-value.ts), which reads the same documents to evaluate them.
 */

/** Where a policy document lives: the resource holding it and the property path of the document. */
export interface PolicySource {
  owner: Resource;
  path: string;
}

export {
  documentStatements as statements,
  listOf,
  parseDocument,
  type DocumentStatement as Statement,
  type ParsedDocument,
} from '../../iam/inventory/document-value.js';
