import { describe, expect, it } from 'vitest';
import { Expr, Ref, Unknown, type Value } from '../../../src/core/value.js';
import { loadCloudFormation } from '../../../src/sources/cloudformation/load.js';
import { byId, loadFixture, options } from './helpers.js';

const F = 'intrinsics.yaml';
const bucket = (attribute?: string, text?: string) => new Ref(`${F}#Bucket`, attribute, text);

describe('intrinsic functions, short and long forms (intrinsics.yaml)', () => {
  const loaded = loadFixture(F);
  const p = byId(loaded, 'Values').properties;
  const reason = (v: Value | undefined) => (v as Unknown).reason;

  it('loads with no warnings', () => {
    expect(loaded.warnings).toEqual([]);
  });

  it('!Ref: parameters, resources, pseudo parameters, list parameters, AWS::NoValue', () => {
    expect(p.RefParameter).toBe('prod');
    expect(p.RefResource).toEqual(bucket(undefined, 'acme-data'));
    expect(reason(p.RefRegion)).toBe('AWS::Region is not known (give the region)');
    expect(reason(p.RefPartition)).toBe('AWS::Partition depends on the region, which is not known');
    expect(reason(p.RefStackName)).toBe('AWS::StackName is chosen at deploy time');
    expect(p.RefList).toEqual(['subnet-a', 'subnet-b', 'subnet-c']);
    expect(reason(p.RefNoDefault)).toBe('parameter SubnetIds has no default and no value was given');
    expect(reason(p.RefSsm)).toBe('parameter ImageId is read from SSM Parameter Store at deploy time');
    expect('RefNoValue' in p).toBe(false);
  });

  it('!GetAtt in both forms, and Fn::GetAtt', () => {
    expect(p.GetAttDot).toEqual(bucket('Arn'));
    expect(p.GetAttList).toEqual(bucket('Arn'));
    expect(p.GetAttLong).toEqual(bucket('DomainName'));
  });

  it('!Sub with and without a variable map, with ${!Literal}, and with an unknown piece', () => {
    expect(p.Sub).toEqual(new Expr(['arn:aws:s3:::', bucket(undefined, 'acme-data'), '/prod/*']));
    expect(p.SubMap).toEqual(new Expr(['prod-', bucket('Arn')]));
    expect(p.SubLiteral).toBe('${Literal}-prod');
    expect(p.SubUnknown).toBeInstanceOf(Unknown);
    expect((p.SubUnknown as Unknown).refs).toEqual([`${F}#Bucket`]);
  });

  it('!Join of literals and of references', () => {
    expect(p.Join).toBe('a-prod-c');
    expect(p.JoinRef).toEqual(new Expr(['s3://', bucket(undefined, 'acme-data'), '/x']));
    expect(p.LongForm).toBe('x,prod');
  });

  it('!If chooses a branch, removes AWS::NoValue, and is Unknown (keeping both branches\' refs) when undecidable', () => {
    expect(p.If).toBe('big');
    expect('IfNoValue' in p).toBe(false);
    expect(p.IfUndecidable).toBeInstanceOf(Unknown);
    expect(reason(p.IfUndecidable)).toMatch(/^Fn::If on condition InUsEast1 is undecidable/);
    expect((p.IfUndecidable as Unknown).refs).toEqual([`${F}#Bucket`]);
  });

  it('!Select, !Split, !FindInMap, !Base64, !Cidr', () => {
    expect(p.Select).toBe('subnet-b');
    expect(p.SelectAZ).toBeInstanceOf(Unknown);
    expect(p.Split).toEqual(['a', 'b', 'c']);
    expect(p.FindInMap).toBe('ml.m5.xlarge');
    expect(p.FindInMapList).toEqual(['a', 'b']);
    expect(p.Base64).toBe('aGVsbG8=');
    expect(p.Base64Sub).toBe(Buffer.from('prod-x').toString('base64'));
    expect(p.Cidr).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
  });

  it('!GetAZs and !ImportValue are Unknown', () => {
    expect(reason(p.GetAZs)).toBe('Fn::GetAZs: availability zones are known only at deploy time');
    expect(reason(p.ImportValue)).toBe('Fn::ImportValue shared-vpc-id: a value exported by another stack');
  });

  it('!Condition, !Equals, !Not, !And, !Or and the long forms evaluate; undecidable stays Unknown', () => {
    expect(p.Condition).toBe(true);
    expect(p.Equals).toBe(true);
    expect(p.Not).toBe(false);
    expect(p.And).toBe(true);
    expect(p.Or).toBe(false);
    expect(p.LongFormCondition).toBe(true);
    expect(reason(p.AndUndecidable)).toMatch(/^condition ProdInUsEast1 is undecidable: condition InUsEast1 is undecidable/);
  });

  it('pseudo parameters follow the region and account given', () => {
    const withEnv = byId(loadFixture(F, { region: 'us-east-1', accountId: '123456789012' }), 'Values').properties;
    expect(withEnv.RefRegion).toBe('us-east-1');
    expect(withEnv.RefPartition).toBe('aws');
    expect(withEnv.SubUnknown).toEqual(new Expr(['123456789012-', bucket(undefined, 'acme-data')]));
    expect(withEnv.IfUndecidable).toEqual(bucket(undefined, 'acme-data'));
    expect(withEnv.AndUndecidable).toBe(true);
    expect(withEnv.GetAttDot).toEqual(bucket('Arn', 'arn:aws:s3:::acme-data'));
    // GovCloud and China have partitions of their own: unknown rather than guessed.
    const gov = byId(loadFixture(F, { region: 'us-gov-west-1' }), 'Values').properties;
    expect(gov.RefPartition).toBeInstanceOf(Unknown);
  });

  it('parameters from options: lists split and trimmed, values override defaults', () => {
    const v = byId(loadFixture(F, { parameters: { Subnets: 'x, y', SubnetIds: 'subnet-1,subnet-2', Env: 'dev' } }), 'Values').properties;
    expect(v.RefList).toEqual(['x', 'y']);
    expect(v.RefNoDefault).toEqual(['subnet-1', 'subnet-2']);
    expect(v.If).toBe('small');
    expect(v.IfNoValue).toBe('something');
    expect(v.Select).toBe('y');
    expect(reason(v.FindInMap)).toBe('Fn::FindInMap: EnvMap/dev/InstanceType is not in Mappings');
  });
});

describe('intrinsic functions: JSON long forms and edge cases', () => {
  const load = (properties: string, extra = '') =>
    loadCloudFormation('t.json', `{${extra}"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b"}}, "X": {"Type": "Custom::X", "Properties": ${properties}}}}`, options());

  it('evaluates the long forms in JSON', () => {
    const loaded = load(
      '{"Sub": {"Fn::Sub": ["${A}-${B.Arn}", {"A": {"Fn::Select": ["1", ["p", "q"]]}}]}, "Split": {"Fn::Split": ["/", "a/b"]},' +
        ' "Cidr": {"Fn::Cidr": ["192.168.0.0/24", "2", "6"]}, "B64": {"Fn::Base64": {"Ref": "B"}}, "Map": {"Fn::FindInMap": ["M", "k", "v"]}}',
      '"Mappings": {"M": {"k": {"v": 42}}}, ',
    );
    const p = loaded.resources[1]!.properties;
    expect(p.Sub).toEqual(new Expr(['q-', new Ref('t.json#B', 'Arn')]));
    expect(p.Split).toEqual(['a', 'b']);
    expect(p.Cidr).toEqual(['192.168.0.0/26', '192.168.0.64/26']);
    expect(p.B64).toBe('Yg==');
    expect(p.Map).toBe(42);
  });

  it('a Sub of the resource alone is the Ref itself', () => {
    expect(load('{"A": {"Fn::Sub": "${B}"}}').resources[1]!.properties.A).toEqual(new Ref('t.json#B', undefined, 'b'));
  });

  it('malformed intrinsics warn with a position and yield Unknown', () => {
    const loaded = load('{"A": {"Fn::Join": "oops"}, "B": {"Fn::Select": [5, ["x"]]}, "C": {"Fn::Cidr": ["10.0.0.0/30", 8, 8]}, "D": {"Fn::Nope": 1}}');
    const p = loaded.resources[1]!.properties;
    for (const k of ['A', 'B', 'C', 'D']) expect(p[k]).toBeInstanceOf(Unknown);
    expect(loaded.warnings.map((w) => w.message)).toEqual([
      'Fn::Join: expected [delimiter, [values]]',
      'Fn::Select: index 5 is past the end of a list of 1',
      'Fn::Cidr: cidrBits 8 does not fit in 10.0.0.0/30',
      'Fn::Nope is not an intrinsic function ringfence evaluates',
    ]);
    expect(loaded.warnings[0]).toMatchObject({ line: 1, column: 132 }); // the {"Fn::Join": ...} object
  });
});
