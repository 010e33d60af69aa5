import type { Location } from '../../../core/resource.js';
import { Expr, Ref, Unknown, isObject, type Value, type ValueObject } from '../../../core/value.js';
import { concatParts, fromJSON } from '../eval/values.js';
import type { BlockTransform, SourceBlock, ValueTransform } from './types.js';

// Conversions the mapping tables name. Value transforms reshape one attribute's value; block
// transforms turn a set of nested blocks into CloudFormation's (differently shaped) list.

// Private-use characters stand for references while a policy string is parsed as JSON.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * A policy written as a JSON string becomes the document object. Strings that embed references
 * (`"Resource": "${aws_s3_bucket.data.arn}/*"`) are parsed with placeholders, so the references
 * survive as Ref/Expr values inside the document.
 */
function json(v: Value, warn: (m: string) => void): Value {
  if (typeof v !== 'string' && !(v instanceof Expr)) return v;
  const refs: Ref[] = [];
  const text =
    typeof v === 'string'
      ? v
      : v.parts.map((p) => (typeof p === 'string' ? p : `${OPEN}${refs.push(p) - 1}${CLOSE}`)).join('');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    warn(`policy is not valid JSON (${(e as Error).message}); kept as text`);
    return v;
  }
  const fill = (x: Value): Value => {
    if (typeof x === 'string' && x.includes(OPEN)) {
      const parts: (string | Ref)[] = [];
      let last = 0;
      for (const m of x.matchAll(PLACEHOLDER)) {
        parts.push(x.slice(last, m.index), refs[Number(m[1])]!);
        last = m.index! + m[0].length;
      }
      parts.push(x.slice(last));
      return concatParts(parts);
    }
    if (Array.isArray(x)) return x.map(fill);
    if (isObject(x)) return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, fill(y)]));
    return x;
  };
  return refs.length > 0 ? fill(fromJSON(parsed)) : fromJSON(parsed);
}

const CANNED_ACLS: Record<string, string> = {
  private: 'Private',
  'public-read': 'PublicRead',
  'public-read-write': 'PublicReadWrite',
  'authenticated-read': 'AuthenticatedRead',
  'aws-exec-read': 'AwsExecRead',
  'bucket-owner-read': 'BucketOwnerRead',
  'bucket-owner-full-control': 'BucketOwnerFullControl',
  'log-delivery-write': 'LogDeliveryWrite',
};

const pairs =
  (keyName: string, valueName: string) =>
  (v: Value): Value =>
    isObject(v) ? Object.entries(v).map(([k, x]) => ({ [keyName]: k, [valueName]: x })) : v;

const VALUE_TRANSFORMS: Record<ValueTransform, (v: Value, warn: (m: string) => void) => Value> = {
  json,
  list: (v) => (Array.isArray(v) ? v : [v]),
  tags: pairs('Key', 'Value'),
  keyValueList: pairs('Key', 'Value'),
  nameValueList: pairs('Name', 'Value'),
  contentList: (v) => [{ Content: v }],
  // aws_s3_bucket's legacy `versioning { enabled = true }` → VersioningConfiguration.Status.
  enabledStatus: (v) => (v === true || v === 'true' ? 'Enabled' : v === false || v === 'false' ? 'Suspended' : v),
  // S3 canned ACL names (`public-read`) → CloudFormation AccessControl values (`PublicRead`).
  cannedAcl: (v) => (typeof v === 'string' ? (CANNED_ACLS[v] ?? v) : v),
};

export function applyValueTransform(name: ValueTransform, v: Value, warn: (m: string) => void): Value {
  return VALUE_TRANSFORMS[name](v, warn);
}

export interface BlockTransformResult {
  value: Value[];
  /** Locations relative to the list property: `[0]`, `[0].CidrIp`. */
  locations: Record<string, Location>;
}

/** Security group rule blocks list many sources; CloudFormation rules hold one source each. */
function securityGroupRules(direction: 'Source' | 'Destination') {
  const SOURCES: [string, string][] = [
    ['cidr_blocks', 'CidrIp'],
    ['ipv6_cidr_blocks', 'CidrIpv6'],
    ['prefix_list_ids', `${direction}PrefixListId`],
    ['security_groups', `${direction}SecurityGroupId`],
  ];
  const PLAIN: [string, string][] = [
    ['protocol', 'IpProtocol'],
    ['from_port', 'FromPort'],
    ['to_port', 'ToPort'],
    ['description', 'Description'],
  ];
  return (blocks: SourceBlock[]): BlockTransformResult => {
    const value: Value[] = [];
    const locations: Record<string, Location> = {};
    for (const block of blocks) {
      if (!block.body) {
        if (block.loc) locations[`[${value.length}]`] = block.loc;
        value.push(block.unknown ?? new Unknown('security group rule not known until apply'));
        continue;
      }
      const body = block.body;
      const base: ValueObject = {};
      const baseLocs: Record<string, Location> = {};
      for (const [tf, cfn] of PLAIN) {
        const a = body.attrs.get(tf);
        if (!a || a.value === null) continue;
        base[cfn] = a.value;
        if (a.loc) baseLocs[cfn] = a.loc;
      }
      const emit = (extra: ValueObject, extraLoc: Record<string, Location | undefined>): void => {
        const i = value.length;
        value.push({ ...base, ...extra });
        if (block.loc) locations[`[${i}]`] = block.loc;
        for (const [k, l] of Object.entries({ ...baseLocs, ...extraLoc })) if (l) locations[`[${i}].${k}`] = l;
      };
      let sources = 0;
      for (const [tf, cfn] of SOURCES) {
        const a = body.attrs.get(tf);
        if (!a || a.value === null) continue;
        const items = Array.isArray(a.value) ? a.value : [a.value];
        for (const item of items) {
          emit({ [cfn]: item }, { [cfn]: a.loc });
          sources++;
        }
      }
      if (sources === 0) emit({}, {});
    }
    return { value, locations };
  };
}

const BLOCK_TRANSFORMS: Record<BlockTransform, (blocks: SourceBlock[]) => BlockTransformResult> = {
  securityGroupIngress: securityGroupRules('Source'),
  securityGroupEgress: securityGroupRules('Destination'),
};

export function applyBlockTransform(name: BlockTransform, blocks: SourceBlock[]): BlockTransformResult {
  return BLOCK_TRANSFORMS[name](blocks);
}
