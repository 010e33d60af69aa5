import { Random } from './random.js';

/**
 * Deterministic generation of simulation cases for the differential test: a request (principal,
 * action, resource, context) drawn from SageMaker, S3, KMS, IAM and STS, and policies of every
 * type around it (identity, resource, boundary, session, SCP, RCP, VPC endpoint) whose actions,
 * resources, principals and conditions are biased towards the request so that every decision is
 * frequent. The output is the `ringfence iam simulate` case shape.
 */

export const RCP_SERVICES = new Set(['s3', 'sts', 'kms']);
export const A = '111111111111';
export const B = '222222222222';

type Doc = Record<string, unknown>;
export interface NamedPolicy {
  name: string;
  policy: Doc;
}
export interface CaseDoc {
  request: { principal: string; action: string; resource: string; resourceAccount: string; context: Record<string, string | string[]> };
  identityPolicies: NamedPolicy[];
  resourcePolicy?: Doc;
  endpointPolicies?: NamedPolicy[];
  permissionBoundaries?: NamedPolicy[];
  serviceControlPolicies?: { orgIdentifier: string; policies: NamedPolicy[] }[];
  resourceControlPolicies?: { orgIdentifier: string; policies: NamedPolicy[] }[];
  sessionPolicy?: Doc;
}

interface PrincipalSpec {
  arn: string;
  account?: string;
  kind: 'user' | 'role-session' | 'service' | 'anonymous' | 'root';
  roleArn?: string;
  username?: string;
}

export const PRINCIPALS: PrincipalSpec[] = [
  { arn: `arn:aws:iam::${A}:user/alice`, account: A, kind: 'user', username: 'alice' },
  { arn: `arn:aws:sts::${A}:assumed-role/DataScientist/alice-session`, account: A, kind: 'role-session', roleArn: `arn:aws:iam::${A}:role/DataScientist` },
  { arn: `arn:aws:iam::${B}:user/bob`, account: B, kind: 'user', username: 'bob' },
  { arn: `arn:aws:sts::${B}:assumed-role/Partner/p1`, account: B, kind: 'role-session', roleArn: `arn:aws:iam::${B}:role/Partner` },
  { arn: 'sagemaker.amazonaws.com', kind: 'service' },
  { arn: 'anonymous', kind: 'anonymous' },
  { arn: `arn:aws:iam::${A}:root`, account: A, kind: 'root' },
];

interface Target {
  action: string;
  resource: string;
  account: string;
  /** Other actions of the same service, for near misses. */
  siblings: string[];
  /** A pattern covering the resource's family (`arn:aws:s3:::ml-training/*`). */
  family: string;
  /** Which resource policy the resource carries, if any. */
  resourcePolicy: 'bucket' | 'key' | 'trust' | 'none';
}

const KEY = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const TARGETS: Target[] = [
  { action: 's3:GetObject', resource: 'arn:aws:s3:::ml-training/data/train.csv', account: A, siblings: ['s3:PutObject', 's3:DeleteObject'], family: 'arn:aws:s3:::ml-training/*', resourcePolicy: 'bucket' },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::ml-training/home/alice/model.tar.gz', account: A, siblings: ['s3:GetObject'], family: 'arn:aws:s3:::ml-training/home/*', resourcePolicy: 'bucket' },
  { action: 's3:ListBucket', resource: 'arn:aws:s3:::ml-training', account: A, siblings: ['s3:GetBucketPolicy'], family: 'arn:aws:s3:::ml-*', resourcePolicy: 'bucket' },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::partner-share/exports/x.csv', account: B, siblings: ['s3:PutObject'], family: 'arn:aws:s3:::partner-share/*', resourcePolicy: 'bucket' },
  { action: 'sagemaker:CreateTrainingJob', resource: `arn:aws:sagemaker:us-east-1:${A}:training-job/churn-1`, account: A, siblings: ['sagemaker:CreateProcessingJob', 'sagemaker:StopTrainingJob'], family: `arn:aws:sagemaker:us-east-1:${A}:training-job/*`, resourcePolicy: 'none' },
  { action: 'sagemaker:CreatePresignedNotebookInstanceUrl', resource: `arn:aws:sagemaker:us-east-1:${A}:notebook-instance/research`, account: A, siblings: ['sagemaker:StartNotebookInstance'], family: `arn:aws:sagemaker:*:${A}:notebook-instance/*`, resourcePolicy: 'none' },
  { action: 'sagemaker:InvokeEndpoint', resource: `arn:aws:sagemaker:us-east-1:${A}:endpoint/churn`, account: A, siblings: ['sagemaker:DescribeEndpoint'], family: 'arn:aws:sagemaker:us-east-1:*:endpoint/*', resourcePolicy: 'none' },
  { action: 'sagemaker:DescribeModel', resource: `arn:aws:sagemaker:us-east-1:${B}:model/shared`, account: B, siblings: ['sagemaker:DeleteModel'], family: `arn:aws:sagemaker:us-east-1:${B}:model/*`, resourcePolicy: 'none' },
  { action: 'kms:Decrypt', resource: KEY, account: A, siblings: ['kms:Encrypt', 'kms:ScheduleKeyDeletion'], family: `arn:aws:kms:*:${A}:key/*`, resourcePolicy: 'key' },
  { action: 'kms:GenerateDataKey', resource: KEY, account: A, siblings: ['kms:Decrypt'], family: 'arn:aws:kms:us-east-1:*:key/*', resourcePolicy: 'key' },
  { action: 'iam:PassRole', resource: `arn:aws:iam::${A}:role/SageMakerExecution`, account: A, siblings: ['iam:GetRole'], family: `arn:aws:iam::${A}:role/*`, resourcePolicy: 'none' },
  { action: 'iam:CreateAccessKey', resource: `arn:aws:iam::${A}:user/alice`, account: A, siblings: ['iam:DeleteAccessKey', 'iam:UpdateAccessKey'], family: `arn:aws:iam::${A}:user/*`, resourcePolicy: 'none' },
  { action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${A}:role/Admin`, account: A, siblings: ['iam:PutRolePolicy'], family: 'arn:aws:iam::*:role/*', resourcePolicy: 'none' },
  { action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/Admin`, account: A, siblings: ['sts:TagSession'], family: `arn:aws:iam::${A}:role/*`, resourcePolicy: 'trust' },
  { action: 'sts:AssumeRole', resource: `arn:aws:iam::${B}:role/CrossAccount`, account: B, siblings: ['sts:TagSession'], family: `arn:aws:iam::${B}:role/*`, resourcePolicy: 'trust' },
];

/** Condition keys with their value types, policy values (including near misses) and request values. */
interface KeySpec {
  key: string;
  type: 'String' | 'Arn' | 'Ip' | 'Bool' | 'Date' | 'Numeric' | 'ArrayString' | 'Binary';
  values: string[];
  like?: string[];
  request: (string | string[])[];
  /** Only for these actions (service keys); global keys apply everywhere. */
  actions?: string[];
  /** Picked a tenth as often as the others. */
  rare?: boolean;
}

const KEYS: KeySpec[] = [
  { key: 'aws:SourceVpce', type: 'String', values: ['vpce-0abc', 'vpce-0def'], like: ['vpce-0*', 'vpce-0ab?'], request: ['vpce-0abc', 'vpce-0def', 'vpce-9999'] },
  { key: 'aws:SourceIp', type: 'Ip', values: ['10.0.0.0/8', '192.0.2.0/24', '203.0.113.7', '2001:db8::/32'], request: ['10.1.2.3', '192.0.2.44', '198.51.100.1', '2001:db8::1', '203.0.113.7'] },
  { key: 'aws:SecureTransport', type: 'Bool', values: ['true', 'false'], request: ['true', 'false'] },
  { key: 'aws:MultiFactorAuthPresent', type: 'Bool', values: ['true', 'false'], request: ['true', 'false'] },
  { key: 'aws:CurrentTime', type: 'Date', values: ['2025-01-01T00:00:00Z', '2027-01-01T00:00:00Z', '2026-06-01', '2026-06-01T00:00:00.000Z'], request: ['2026-03-15T12:00:00Z', '2024-12-31T23:59:59Z', '2026-06-01T00:00:00Z'] },
  // Epoch seconds: rarer, as the oracle reads them differently (shape date-in-epoch-seconds).
  { key: 'aws:EpochTime', type: 'Date', values: ['1767225600', '2026-01-01T00:00:00Z'], request: ['2026-03-15T12:00:00Z'], rare: true },
  { key: 'aws:MultiFactorAuthAge', type: 'Numeric', values: ['3600', '600', '100.5'], request: ['100', '3600', '7200'] },
  { key: 'aws:PrincipalTag/team', type: 'String', values: ['ml', 'finance', 'ML'], like: ['m*', '*nan*'], request: ['ml', 'finance', 'ops'] },
  { key: 'aws:PrincipalOrgID', type: 'String', values: ['o-abc123'], like: ['o-abc*'], request: ['o-abc123', 'o-zzz999'] },
  { key: 'aws:PrincipalArn', type: 'Arn', values: [`arn:aws:iam::${A}:role/*`, 'arn:aws:iam::*:user/alice', `arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${B}:*`, `arn:aws:iam::${A}:role/Data?cientist`], request: [] },
  { key: 'aws:SourceArn', type: 'Arn', values: [`arn:aws:sagemaker:us-east-1:${A}:training-job/*`, 'arn:aws:s3:::ml-training', `arn:aws:sagemaker:*:${A}:*`], request: [`arn:aws:sagemaker:us-east-1:${A}:training-job/churn-1`, 'arn:aws:s3:::ml-training', `arn:aws:sagemaker:us-east-1:${B}:endpoint/x`] },
  { key: 'aws:TagKeys', type: 'ArrayString', values: ['team', 'env', 'owner'], like: ['t*', 'env'], request: [[], ['team'], ['team', 'env'], ['secret'], ['team', 'secret']] },
  { key: 'aws:PrincipalOrgPaths', type: 'ArrayString', values: ['o-abc123/r-ab12/ou-ab12-11111111/'], like: ['o-abc123/r-ab12/ou-ab12-11111111/*'], request: [['o-abc123/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'], ['o-zzz/r-zz/ou-zz-1/'], ['o-abc123/r-ab12/ou-ab12-11111111/']] },
  { key: 'aws:RequestTag/project', type: 'String', values: ['churn', 'fraud'], request: ['churn', 'fraud', 'other'] },
  { key: 'aws:ResourceTag/team', type: 'String', values: ['ml', 'finance', '${aws:PrincipalTag/team}'], request: ['ml', 'finance'] },
  { key: 's3:prefix', type: 'String', values: ['home/${aws:username}/', 'data/', ''], like: ['home/${aws:username}/*', 'data/*', '${aws:PrincipalTag/team}/*'], request: ['home/alice/', 'data/', 'home/bob/x', 'ml/a'], actions: ['s3:ListBucket'] },
  { key: 'kms:ViaService', type: 'String', values: ['s3.us-east-1.amazonaws.com', 'sagemaker.us-east-1.amazonaws.com'], like: ['*.us-east-1.amazonaws.com'], request: ['s3.us-east-1.amazonaws.com', 'ec2.us-west-2.amazonaws.com'], actions: ['kms:Decrypt', 'kms:GenerateDataKey'] },
  { key: 'iam:PassedToService', type: 'String', values: ['sagemaker.amazonaws.com', 'ec2.amazonaws.com'], like: ['sagemaker.*'], request: ['sagemaker.amazonaws.com', 'lambda.amazonaws.com'], actions: ['iam:PassRole'] },
  { key: 'sagemaker:VpcSubnets', type: 'ArrayString', values: ['subnet-1', 'subnet-2'], like: ['subnet-*'], request: [['subnet-1'], ['subnet-1', 'subnet-9'], []], actions: ['sagemaker:CreateTrainingJob'] },
  { key: 'sagemaker:NetworkIsolation', type: 'Bool', values: ['true'], request: ['true', 'false'], actions: ['sagemaker:CreateTrainingJob'] },
  { key: 'aws:username', type: 'String', values: ['alice', 'bob'], like: ['a*'], request: ['alice', 'bob'] },
  { key: 'aws:userid', type: 'String', values: ['AIDAEXAMPLE', 'AROAEXAMPLE:alice-session'], like: ['AROA*:*'], request: ['AIDAEXAMPLE', 'AROAEXAMPLE:alice-session'] },
  { key: 'sts:ExternalId', type: 'String', values: ['secret-1'], request: ['secret-1', 'wrong'], actions: ['sts:AssumeRole'] },
  { key: 'aws:RequestTag/blob', type: 'Binary', values: ['QmluYXJ5', 'YWJj'], request: ['QmluYXJ5', 'eHl6'] },
];

const STRING_OPS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];
const OPS: Record<KeySpec['type'], string[]> = {
  String: STRING_OPS,
  ArrayString: STRING_OPS,
  Arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike'],
  Ip: ['IpAddress', 'NotIpAddress'],
  Bool: ['Bool'],
  Date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
  Numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
  Binary: ['BinaryEquals'],
};

export function generateCase(seed: number): CaseDoc {
  const r = new Random(seed);
  const g = new CaseGenerator(r);
  return g.build();
}

class CaseGenerator {
  private readonly principal: PrincipalSpec;
  private readonly target: Target;
  private readonly keysUsed = new Set<KeySpec>();

  constructor(private readonly r: Random) {
    this.principal = r.weighted([
      [5, PRINCIPALS[0]!],
      [5, PRINCIPALS[1]!],
      [2, PRINCIPALS[2]!],
      [2, PRINCIPALS[3]!],
      [1, PRINCIPALS[4]!],
      [1, PRINCIPALS[5]!],
      [0.3, PRINCIPALS[6]!],
    ]);
    this.target = r.pick(TARGETS);
  }

  private get hasIdentity(): boolean {
    return this.principal.kind === 'user' || this.principal.kind === 'role-session';
  }

  build(): CaseDoc {
    const r = this.r;
    const t = this.target;
    const c: CaseDoc = {
      request: { principal: this.principal.arn, action: t.action, resource: t.resource, resourceAccount: t.account, context: {} },
      identityPolicies: [],
    };
    if (this.hasIdentity) {
      const n = r.weighted([[1, 0], [5, 1], [3, 2]] as const);
      for (let i = 0; i < n; i++) c.identityPolicies.push({ name: `identity-${i}`, policy: this.policy('identity') });
      if (r.chance(0.25)) c.permissionBoundaries = [{ name: 'boundary', policy: this.policy('boundary') }];
      if (this.principal.kind === 'role-session' && r.chance(0.2)) c.sessionPolicy = this.policy('session');
    }
    // Every role has a trust policy and every key a key policy; buckets may have no policy.
    // Only buckets, keys and roles (trust) carry resource policies among these resources.
    const wantsResourcePolicy = t.resourcePolicy === 'trust' || t.resourcePolicy === 'key' ? true : t.resourcePolicy === 'bucket' && r.chance(0.85);
    if (wantsResourcePolicy) c.resourcePolicy = this.policy('resource');
    if (this.principal.kind !== 'service' && this.principal.kind !== 'anonymous' && r.chance(0.3)) {
      const levels = 1 + r.int(2);
      c.serviceControlPolicies = Array.from({ length: levels }, (_, i) => ({
        orgIdentifier: i === 0 ? 'r-root' : `ou-level-${i}`,
        policies: Array.from({ length: 1 + r.int(2) }, (_, j) => ({ name: `scp-${i}-${j}`, policy: this.policy('scp', j === 0 && r.chance(0.8)) })),
      }));
    }
    // RCPs govern only some services (S3, STS, KMS among ours): mostly generate them where they apply.
    if (r.chance(RCP_SERVICES.has(t.action.split(':')[0]!) ? 0.3 : 0.03)) {
      c.resourceControlPolicies = [{ orgIdentifier: 'r-root', policies: [{ name: 'rcp-0', policy: this.policy('rcp') }] }];
    }
    if (r.chance(0.15)) c.endpointPolicies = [{ name: 'vpce-0abc', policy: this.policy('endpoint') }];
    c.request.context = this.context();
    return c;
  }

  private policy(kind: 'identity' | 'boundary' | 'session' | 'resource' | 'scp' | 'rcp' | 'endpoint', fullAccess = false): Doc {
    const r = this.r;
    const statements: Doc[] = [];
    if (fullAccess) statements.push({ Effect: 'Allow', Action: '*', Resource: '*' });
    const n = kind === 'rcp' ? 1 + r.int(2) : r.weighted([[4, 1], [3, 2], [1, 3]] as const);
    for (let i = 0; i < n; i++) statements.push(this.statement(kind));
    const doc: Doc = { Version: '2012-10-17', Statement: statements };
    return doc;
  }

  private statement(kind: 'identity' | 'boundary' | 'session' | 'resource' | 'scp' | 'rcp' | 'endpoint'): Doc {
    const r = this.r;
    const denyChance = kind === 'rcp' ? 1 : kind === 'scp' ? 0.35 : 0.2;
    const effect = r.chance(denyChance) ? 'Deny' : 'Allow';
    const s: Doc = { Effect: effect };
    if (r.chance(0.3)) s.Sid = `S${r.int(100)}`;
    const aim = r.chance(effect === 'Allow' ? 0.8 : 0.6);
    // Action or NotAction.
    // RCPs take neither NotAction nor a bare "*" action (AWS Organizations, RCP syntax).
    if (kind !== 'rcp' && r.chance(0.12)) s.NotAction = this.actionPatterns(!aim);
    else s.Action = kind === 'rcp' ? this.rcpActions(aim) : this.actionPatterns(aim);
    // Resource: trust policies have none; the others mostly do.
    const trust = kind === 'resource' && this.target.resourcePolicy === 'trust';
    if (!trust) {
      if (r.chance(0.1)) s.NotResource = this.resourcePatterns(!aim);
      else s.Resource = this.resourcePatterns(aim || r.chance(0.5));
    }
    if (kind === 'resource' || kind === 'endpoint' || kind === 'rcp') {
      if (kind === 'rcp' || kind === 'endpoint') s.Principal = '*';
      else if (r.chance(0.12)) s.NotPrincipal = this.notPrincipal();
      else s.Principal = this.principalElement();
    }
    if (r.chance(kind === 'rcp' ? 0.8 : 0.45)) s.Condition = this.conditions();
    return s;
  }

  private actionPatterns(aim: boolean): string | string[] {
    const r = this.r;
    const [service, name] = this.target.action.split(':') as [string, string];
    const hits = [
      this.target.action,
      `${service}:${name.toLowerCase()}`,
      `${service.toUpperCase()}:${name}`,
      `${service}:*`,
      '*',
      `${service}:${name.slice(0, 3)}*`,
      `${service}:*${name.slice(-4)}`,
      `${service}:${name.slice(0, 1)}?${name.slice(2)}`,
    ];
    const misses = [...this.target.siblings, 'ec2:RunInstances', `${service}:${name}X`, 'sqs:*'];
    const main = aim ? r.pick(hits) : r.pick(misses);
    if (r.chance(0.3)) return [main, r.pick(r.chance(0.5) ? misses : hits)];
    return main;
  }

  private rcpActions(aim: boolean): string | string[] {
    const service = this.target.action.split(':')[0]!;
    return aim ? this.r.pick([this.target.action, `${service}:*`, [`${service}:*`, 'sqs:*']]) : this.r.pick(['sqs:*', 'secretsmanager:GetSecretValue']);
  }

  private resourcePatterns(aim: boolean): string | string[] {
    const r = this.r;
    const res = this.target.resource;
    const hits = [res, '*', this.target.family, res.replace(/.$/, '?')];
    if (res.startsWith('arn:aws:s3:::ml-training/home/')) hits.push('arn:aws:s3:::ml-training/home/${aws:username}/*');
    if (res.startsWith('arn:aws:s3:::')) hits.push('arn:aws:s3:::*');
    if (res.includes(':sagemaker:')) hits.push(res.replace(/:us-east-1:/, ':*:'), 'arn:aws:sagemaker:*:*:*');
    if (res.includes(':iam::')) hits.push(res.replace(/::\d{12}:/, '::*:'));
    const misses = ['arn:aws:s3:::other-bucket/*', res.replace(/.$/, 'Z'), res.toUpperCase(), 'arn:aws:sagemaker:us-east-1:111111111111:training-job/other', 'arn:aws:iam::111111111111:role/Other'];
    const main = aim ? r.pick(hits) : r.pick(misses);
    if (r.chance(0.25)) return [main, r.pick(r.chance(0.5) ? misses : hits)];
    return main;
  }

  private principalElement(): unknown {
    const r = this.r;
    const p = this.principal;
    const options: unknown[] = ['*', { AWS: '*' }, { AWS: `arn:aws:iam::${B === p.account ? A : B}:root` }, { Service: 'sagemaker.amazonaws.com' }, { Service: 'ec2.amazonaws.com' }];
    if (p.account) {
      if (p.kind !== 'root') options.push({ AWS: p.arn });
      options.push({ AWS: p.account }, { AWS: `arn:aws:iam::${p.account}:root` });
    }
    if (p.roleArn) options.push({ AWS: p.roleArn }, { AWS: [p.roleArn, `arn:aws:iam::${B}:user/other`] });
    if (p.kind === 'service') options.push({ Service: p.arn }, { Service: p.arn }, { Service: [p.arn, 'ec2.amazonaws.com'] });
    return r.pick(options);
  }

  private notPrincipal(): unknown {
    const r = this.r;
    const p = this.principal;
    const entries: string[] = [];
    // Mostly all or none of the caller's identities (naming only some is shape notprincipal-names-part-of-the-caller).
    const all = r.chance(0.45);
    const some = !all && r.chance(0.3);
    if (p.account && p.kind !== 'root' && (all || (some && r.chance(0.7)))) entries.push(p.arn);
    if (p.roleArn && (all || (some && r.chance(0.6)))) entries.push(p.roleArn);
    if (p.account && (all || (some && r.chance(0.6)))) entries.push(`arn:aws:iam::${p.account}:root`);
    if (entries.length === 0 || r.chance(0.3)) entries.push(`arn:aws:iam::${B}:user/other`);
    if (p.kind === 'service' && r.chance(0.5)) return { Service: p.arn };
    return { AWS: entries.length === 1 ? entries[0] : entries };
  }

  private conditions(): Doc {
    const r = this.r;
    const cond: Record<string, Record<string, unknown>> = {};
    const n = r.weighted([[6, 1], [3, 2], [1, 3]] as const);
    for (let i = 0; i < n; i++) {
      const spec = this.pickKey();
      this.keysUsed.add(spec);
      let op: string;
      let values: string[];
      if (r.chance(0.08)) {
        op = 'Null';
        values = [r.pick(['true', 'false'])];
      } else {
        op = r.pick(OPS[spec.type]);
        const like = op.includes('Like') && spec.like && spec.type !== 'Arn' ? spec.like : spec.values;
        values = r.subset(like, 0.5);
        if (values.length === 0) values = [r.pick(like)];
        if (spec.type === 'ArrayString' ? r.chance(0.85) : r.chance(0.08)) op = `${r.pick(['ForAllValues', 'ForAnyValue'])}:${op}`;
        if (r.chance(0.2)) op += 'IfExists';
      }
      const block = (cond[op] ??= {});
      block[spec.key] = values.length === 1 && r.chance(0.6) ? values[0] : values;
    }
    return cond;
  }

  private pickKey(): KeySpec {
    const usable = KEYS.filter((k) => !k.actions || k.actions.includes(this.target.action));
    return this.r.weighted(usable.map((k) => [k.rare ? 0.1 : 1, k] as const));
  }

  private context(): Record<string, string | string[]> {
    const r = this.r;
    const p = this.principal;
    const ctx: Record<string, string | string[]> = {};
    for (const spec of KEYS) {
      if (spec.actions && !spec.actions.includes(this.target.action)) continue;
      const used = this.keysUsed.has(spec);
      if (!r.chance(used ? 0.75 : 0.15)) continue;
      if (spec.key === 'aws:PrincipalArn') {
        if (p.kind === 'anonymous' || p.kind === 'service') continue;
        ctx[spec.key] = p.roleArn ?? p.arn;
        continue;
      }
      if (spec.key === 'aws:username') {
        if (!p.username) continue;
        ctx[spec.key] = p.username;
        continue;
      }
      if (spec.request.length === 0) continue;
      ctx[spec.key] = r.pick(spec.request);
    }
    return ctx;
  }
}
