import { Unknown, type Value } from '../../../core/value.js';
import type { LoadOptions } from '../../types.js';
import type { SourceBody } from '../mapping/types.js';
import { policyDocument, policyJson } from './policy-document.js';

// Data sources are read from AWS at plan time, so they are Unknown, except the few that are
// pure functions of their arguments or of what the user told us (account id, region).

type DataSource = (attribute: string, body: () => SourceBody, options: LoadOptions) => Value | undefined;

const partitionOf = (region: string): string => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');

const DATA_SOURCES: Record<string, DataSource> = {
  aws_iam_policy_document: (attribute, body) => (attribute === 'json' || attribute === 'minified_json' ? policyJson(policyDocument(body())) : undefined),
  aws_caller_identity: (attribute, _body, options) => (attribute === 'account_id' ? options.accountId : undefined),
  aws_region: (attribute, _body, options) => (attribute === 'name' || attribute === 'id' || attribute === 'region' ? options.region : undefined),
  aws_partition: (attribute, _body, options) => (attribute === 'partition' && options.region ? partitionOf(options.region) : undefined),
};

export function dataSourceAttribute(type: string, name: string, attribute: string, body: () => SourceBody, options: LoadOptions): Value {
  const source = Object.prototype.hasOwnProperty.call(DATA_SOURCES, type) ? DATA_SOURCES[type] : undefined;
  return source?.(attribute, body, options) ?? new Unknown(`data.${type}.${name}.${attribute} is read from AWS at plan time`);
}
