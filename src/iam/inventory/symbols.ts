import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { Expr, Ref, Unknown, type Value } from '../../core/value.js';
import { splitArn } from '../arn.js';
import { DEFAULT_PARTITION, generatedName, UNKNOWN_PIECE, type Placeholders } from './placeholders.js';

/**
 * Turns inventory values into the text IAM compares: a reference to a bucket becomes the bucket's
 * name (or ARN, for `.Arn`), `${AWS::AccountId}` the account, a name AWS generates a stable
 * `{LogicalId}` stand-in. The same resource always yields the same text, so a bucket policy that
 * references the role and the role that references the bucket agree. What cannot be known (a
 * parameter without a default inside a name) stays unknown, with the reason.
 */

export type Text = { text: string } | { unknown: string };

interface TypeIdentity {
  /** The property holding the resource's name. */
  name?: string;
  path?: string;
  /** The ARN from name (or generated id), path and placeholders. */
  arn?: (name: string, path: string, p: Placeholders) => string;
  /** What a plain `Ref` returns. */
  ref: 'name' | 'arn';
}

const iamArn = (kind: string) => (name: string, path: string, p: Placeholders) => `arn:${DEFAULT_PARTITION}:iam::${p.account}:${kind}${path}${name}`;
const regional = (service: string, shape: (name: string) => string) => (name: string, _path: string, p: Placeholders) =>
  `arn:${DEFAULT_PARTITION}:${service}:${p.region}:${p.account}:${shape(name)}`;

/** CloudFormation's return values (`Ref`, `Fn::GetAtt ... Arn`) for the types IAM questions touch. */
const IDENTITIES: Readonly<Record<string, TypeIdentity>> = {
  'AWS::S3::Bucket': { name: 'BucketName', arn: (n) => `arn:${DEFAULT_PARTITION}:s3:::${n}`, ref: 'name' },
  'AWS::IAM::Role': { name: 'RoleName', path: 'Path', arn: iamArn('role'), ref: 'name' },
  'AWS::IAM::User': { name: 'UserName', path: 'Path', arn: iamArn('user'), ref: 'name' },
  'AWS::IAM::Group': { name: 'GroupName', path: 'Path', arn: iamArn('group'), ref: 'name' },
  'AWS::IAM::ManagedPolicy': { name: 'ManagedPolicyName', path: 'Path', arn: iamArn('policy'), ref: 'arn' },
  'AWS::IAM::InstanceProfile': { name: 'InstanceProfileName', path: 'Path', arn: iamArn('instance-profile'), ref: 'name' },
  'AWS::KMS::Key': { arn: regional('kms', (id) => `key/${id}`), ref: 'name' },
  'AWS::KMS::Alias': { name: 'AliasName', arn: regional('kms', (n) => n), ref: 'name' },
  'AWS::EC2::VPCEndpoint': { ref: 'name' },
  'AWS::ECR::Repository': { name: 'RepositoryName', arn: regional('ecr', (n) => `repository/${n}`), ref: 'name' },
  'AWS::SNS::Topic': { name: 'TopicName', arn: regional('sns', (n) => n), ref: 'arn' },
  'AWS::SQS::Queue': { name: 'QueueName', arn: regional('sqs', (n) => n), ref: 'name' },
  'AWS::Logs::LogGroup': { name: 'LogGroupName', arn: regional('logs', (n) => `log-group:${n}:*`), ref: 'name' },
  'AWS::SageMaker::NotebookInstance': { name: 'NotebookInstanceName', arn: regional('sagemaker', (n) => `notebook-instance/${n.toLowerCase()}`), ref: 'arn' },
  'AWS::SageMaker::Model': { name: 'ModelName', arn: regional('sagemaker', (n) => `model/${n.toLowerCase()}`), ref: 'arn' },
  'AWS::SageMaker::Endpoint': { name: 'EndpointName', arn: regional('sagemaker', (n) => `endpoint/${n.toLowerCase()}`), ref: 'arn' },
  'AWS::SageMaker::EndpointConfig': { name: 'EndpointConfigName', arn: regional('sagemaker', (n) => `endpoint-config/${n.toLowerCase()}`), ref: 'arn' },
};

/** Attribute names that return the ARN. */
const ARN_ATTRIBUTES = new Set(['arn']);
/** Attribute names that return the name (Terraform `.name`, `.id` of named resources). */
const NAME_ATTRIBUTES = new Set(['name', 'bucket']);

const MAX_DEPTH = 16;

export class SymbolTable {
  private readonly names = new Map<string, Text>();

  constructor(
    private readonly inventory: Inventory,
    readonly placeholders: Placeholders,
  ) {}

  /** The text of a value; numbers and booleans as text; lists, objects and null are not text. */
  text(v: Value | undefined, depth = 0): Text {
    if (typeof v === 'string') return { text: v };
    if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v) };
    if (v instanceof Ref) return this.refText(v, depth);
    if (v instanceof Expr) {
      let out = '';
      for (const p of v.parts) {
        const t = typeof p === 'string' ? { text: p } : this.refText(p, depth);
        if ('unknown' in t) return t;
        out += t.text;
      }
      return { text: out };
    }
    if (v instanceof Unknown) return this.unknownText(v);
    return { unknown: v === undefined || v === null ? 'the value is absent' : 'the value is not text' };
  }

  /** What a reference evaluates to: the loader's text when it has one, else the resource's identity. */
  refText(r: Ref, depth = 0): Text {
    if (r.text !== undefined) return { text: r.text };
    const target = this.inventory.get(r.target);
    if (!target) return { unknown: `a reference to ${r.target}, which is not in the inventory` };
    const attr = r.attribute?.toLowerCase();
    const identity = IDENTITIES[target.type];
    if (attr && ARN_ATTRIBUTES.has(attr)) return this.arnOf(target, depth);
    if (attr && NAME_ATTRIBUTES.has(attr)) return this.nameOf(target, depth);
    if (attr) return { text: generatedName(target.id, r.attribute) };
    if (identity?.ref === 'arn') return this.arnOf(target, depth);
    return this.nameOf(target, depth);
  }

  /** The resource's name: its name property when known, a `{LogicalId}` stand-in when AWS generates it. */
  nameOf(resource: Resource, depth = 0): Text {
    const cached = this.names.get(resource.key);
    if (cached) return cached;
    const prop = IDENTITIES[resource.type]?.name;
    const raw = prop ? resource.properties[prop] : undefined;
    let t: Text;
    if (raw === undefined || raw === null || raw === '') t = { text: generatedName(resource.id) };
    else if (depth > MAX_DEPTH) t = { unknown: `the name of ${resource.id} refers to itself` };
    else {
      const named = this.text(raw, depth + 1);
      // A name known in part (`fraud-${AWS::AccountId}-data`) still identifies the resource.
      t = 'text' in named ? named : raw instanceof Unknown && raw.partial ? { text: raw.partial.map((p) => p ?? UNKNOWN_PIECE).join('') } : { text: generatedName(resource.id) };
    }
    this.names.set(resource.key, t);
    return t;
  }

  /** The resource's ARN: as loaded (live, plan), or built from its name. */
  arnOf(resource: Resource, depth = 0): Text {
    if (resource.arn) return { text: resource.arn };
    const identity = IDENTITIES[resource.type];
    if (!identity?.arn) return { text: generatedName(resource.id, 'Arn') };
    const name = this.nameOf(resource, depth);
    if ('unknown' in name) return name;
    const rawPath = identity.path ? this.text(resource.properties[identity.path], depth + 1) : undefined;
    const path = rawPath && 'text' in rawPath ? rawPath.text : '/';
    return { text: identity.arn(name.text, path.startsWith('/') ? path : `/${path}`, this.placeholders) };
  }

  /**
   * An Unknown: the pseudo parameters become the placeholders; a string known in part gets them
   * where an ARN has its partition, region and account; anything else stays unknown.
   */
  private unknownText(v: Unknown): Text {
    const pseudo = pseudoOf(v.reason, this.placeholders);
    if (!v.partial) return pseudo !== undefined ? { text: pseudo } : { unknown: v.reason };
    const holes = v.partial.filter((p) => p === null).length;
    if (holes === 1 && pseudo !== undefined) return { text: v.partial.map((p) => p ?? pseudo).join('') };
    const filled = fillArnTemplate(v.partial, this.placeholders);
    return filled !== undefined ? { text: filled } : { unknown: v.reason };
  }
}

/** The placeholder for an Unknown that is a pseudo parameter (or Terraform's equivalent data source). */
function pseudoOf(reason: string, p: Placeholders): string | undefined {
  if (/AWS::AccountId|aws_caller_identity\.[\w-]+\.account_id/.test(reason)) return p.account;
  if (/AWS::Partition|aws_partition\.[\w-]+\.partition/.test(reason)) return DEFAULT_PARTITION;
  if (/AWS::Region|aws_region\.[\w-]+\.(name|region)/.test(reason)) return p.region;
  if (/AWS::URLSuffix/.test(reason)) return 'amazonaws.com';
  return undefined;
}

/**
 * `arn:${AWS::Partition}:iam::${AWS::AccountId}:root`: holes in the partition, region and account
 * fields take the placeholders; a hole in the resource part leaves the ARN unknown.
 */
function fillArnTemplate(partial: readonly (string | null)[], p: Placeholders): string | undefined {
  const HOLE = '\u0000';
  const template = partial.map((x) => x ?? HOLE).join('');
  if (!template.startsWith('arn:')) return undefined;
  const parts = splitArn(template);
  if (parts.length < 6) return undefined;
  const fill = [undefined, DEFAULT_PARTITION, undefined, p.region, p.account];
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (!part.includes(HOLE)) out.push(part);
    else if (part === HOLE && fill[i] !== undefined) out.push(fill[i]!);
    else return undefined;
  }
  return out.join(':');
}
