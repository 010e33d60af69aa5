import { describe, expect, it } from 'vitest';
import { Inventory } from '../../../src/core/inventory.js';
import { Expr, Ref, Unknown, asString, getPath, type Value } from '../../../src/core/value.js';
import { FIXTURES, loadFixture } from './helpers.js';

const input = (r: { properties: Record<string, Value> }, key: string): Value | undefined => getPath(r.properties, `input.${key}`);

describe('evaluation: functions and expressions', () => {
  const unit = loadFixture('functions');
  const fn = unit.byId('terraform_data.fn');
  const key = 'test/fixtures/terraform/functions#aws_s3_bucket.b';

  it.each([
    ['jsonencode', '{"k":["v",1,true,null]}'],
    ['jsondecode', { a: [1, 2] }],
    ['format', 'n-007-3.14-true-%'],
    ['join', 'x,y,z,w'],
    ['split', ['a', 'b', '', 'c']],
    ['merge', { a: 1, b: 'three', c: 3 }],
    ['lookup', 'two'],
    ['lookup_default', 'none'],
    ['element', 'y'],
    ['length', 3],
    ['length_map', 2],
    ['lower', 'abc'],
    ['upper', 'ABC'],
    ['replace', 'a_b_c'],
    ['replace_regex', 'ml-N-x'],
    ['tostring', '42'],
    ['tonumber', 42],
    ['tolist', ['a']],
    ['toset', ['b', 'a']],
    ['coalesce', 'first'],
    ['try_ok', 'fallback'],
    ['try_first', 1],
    ['can_ok', true],
    ['can_fail', false],
    ['file_ok', 'file contents\n'],
    ['cidrsubnet', '10.0.2.0/24'],
    ['cidrsubnet6', '10.1.240.0/20'],
    ['ref_text_fn', 'FN-BUCKET'],
    ['arithmetic', 8.5],
    ['comparison', true],
    ['conditional', 'many'],
    ['for_list', ['X', 'Z']],
    ['for_map', { x: 0, y: 1, z: 2 }],
    ['for_group', { a: ['a1', 'a2'], b: ['b1'] }],
    ['splat', [1, 2]],
    ['template_if', 'three'],
    ['template_for', '<x><y><z>'],
    ['interp_only', { a: 1, b: 'two' }],
  ])('%s', (name, expected) => {
    expect(input(fn, name)).toEqual(expected);
  });

  it('keeps references through jsonencode (as the object), format, join and concat', () => {
    expect(input(fn, 'jsonencode_ref')).toEqual({ Resource: new Ref(key, 'Arn') });
    expect(input(fn, 'format_ref')).toEqual(new Expr(['arn:', new Ref(key, 'Arn'), '/*']));
    expect(input(fn, 'join_ref')).toEqual(new Expr([new Ref(key, 'Arn'), '/key']));
    expect(input(fn, 'concat')).toEqual(['x', 'y', 'z', new Ref(key, 'Arn')]);
  });

  it('gives Unknown, never a guess, for what cannot be evaluated', () => {
    for (const name of ['file_outside', 'templatefile', 'unknown_fn', 'cycle', 'provider_fn']) expect(input(fn, name), name).toBeInstanceOf(Unknown);
    expect((input(fn, 'cycle') as Unknown).reason).toMatch(/refers to itself/);
    expect((input(fn, 'unknown_fn') as Unknown).reason).toMatch(/nosuchfunction/);
  });
});

describe('evaluation: variables', () => {
  const vars = (extra = {}): Record<string, Value> => loadFixture('vars', extra).byId('terraform_data.vars').properties['input'] as Record<string, Value>;

  it('applies defaults, terraform.tfvars and *.auto.tfvars(.json) in lexical order', () => {
    const v = vars();
    expect(v['only_default']).toBe('from-default');
    expect(v['from_tfvars']).toBe('from-tfvars');
    expect(v['from_auto']).toBe('from-b-auto');
    expect(v['json_map']).toEqual({ team: 'ml' });
  });

  it('lets --var-file override the automatic files and -var override everything', () => {
    const v = vars({ varFiles: [`${FIXTURES}/vars/extra.tfvars`], variables: { from_cli: 'from-cli' } });
    expect(v['from_var_file']).toBe('from-var-file');
    expect(v['from_cli']).toBe('from-cli');
    expect(vars({ varFiles: [`${FIXTURES}/vars/extra.tfvars`] })['from_cli']).toBe('from-var-file');
  });

  it('parses -var values as HCL for non-string types and converts primitives', () => {
    const v = vars({ variables: { cli_list: '["a", "b"]', cli_number: '7', cli_bool: 'true', from_cli: '[not parsed]' } });
    expect(v['cli_list']).toEqual(['a', 'b']);
    expect(v['cli_number']).toBe(7);
    expect(v['cli_bool']).toBe(true);
    expect(v['from_cli']).toBe('[not parsed]');
  });

  it('leaves a variable without any value Unknown', () => {
    expect(vars()['no_value']).toEqual(new Unknown('variable "no_value" has no value'));
  });

  it('records every variable file, and a broken or missing one as failed without stopping the load', () => {
    const unit = loadFixture('vars', { varFiles: [`${FIXTURES}/vars/broken.tfvars`, `${FIXTURES}/vars/missing.tfvars`] });
    const byPath = Object.fromEntries(unit.inputs.map((r) => [r.path, r]));
    expect(byPath[`${FIXTURES}/vars/terraform.tfvars`]).toMatchObject({ kind: 'terraform-vars', status: 'read' });
    expect(byPath[`${FIXTURES}/vars/a.auto.tfvars.json`]).toMatchObject({ status: 'read' });
    expect(byPath[`${FIXTURES}/vars/broken.tfvars`]).toMatchObject({ status: 'failed', error: { line: 2, column: 1 } });
    expect(byPath[`${FIXTURES}/vars/missing.tfvars`]).toMatchObject({ status: 'failed' });
    expect(unit.resources).toHaveLength(1);
  });
});

describe('evaluation: count and for_each', () => {
  const unit = loadFixture('expansion', {}, { maxExpansion: 10 });
  const dir = 'test/fixtures/terraform/expansion';

  it('expands count with indexed addresses and count.index', () => {
    expect(['aws_s3_bucket.data[0]', 'aws_s3_bucket.data[1]', 'aws_s3_bucket.data[2]'].map((id) => unit.byId(id).properties['BucketName'])).toEqual(['data-0', 'data-1', 'data-2']);
    expect(unit.byId('aws_s3_bucket.data[1]').key).toBe(`${dir}#aws_s3_bucket.data[1]`);
  });

  it('expands for_each over a map and over a set, with quoted keys and each.key/each.value', () => {
    const a = unit.byId('aws_subnet.private["a"]');
    expect(a.properties['CidrBlock']).toBe('10.0.1.0/24');
    expect(a.properties['Tags']).toEqual([{ Key: 'Name', Value: 'private-a' }]);
    expect(unit.byId('aws_ecr_repository.set["train"]').properties['RepositoryName']).toBe('train');
  });

  it('drops a resource with count = 0', () => {
    expect(unit.resources.some((r) => r.id.startsWith('aws_s3_bucket.never'))).toBe(false);
  });

  it('keeps one conditional [*] resource when count is not known', () => {
    const maybe = unit.byId('aws_s3_bucket.maybe[*]');
    expect(maybe.conditional).toBe(true);
    expect(maybe.properties['BucketName']).toBeInstanceOf(Unknown);
    expect(unit.byId('aws_s3_bucket.data[0]').conditional).toBeUndefined();
  });

  it('caps expansion at maxExpansion, with a warning', () => {
    expect(unit.resources.filter((r) => r.id.startsWith('aws_s3_bucket.many[')).length).toBe(10);
    expect(unit.inputs[0]!.warnings).toContainEqual({ message: 'aws_s3_bucket.many: count of 50 expanded to the first 10 (maxExpansion)', line: 73, column: 3 });
  });

  it('resolves references to expanded instances, splats and for expressions over them', () => {
    const refs = unit.byId('terraform_data.refs').properties['input'] as Record<string, Value>;
    expect(refs['first_bucket']).toEqual(new Ref(`${dir}#aws_s3_bucket.data[0]`, 'Arn'));
    expect((refs['all_buckets'] as Value[]).map((v) => asString(v))).toEqual(['data-0', 'data-1', 'data-2']);
    expect(refs['subnet_a']).toEqual(new Ref(`${dir}#aws_subnet.private["a"]`, 'SubnetId'));
    expect(refs['maybe_first']).toEqual(new Ref(`${dir}#aws_s3_bucket.maybe[*]`, 'Arn'));
    expect(refs['count_len']).toBe(3);
    const domain = unit.byId('aws_sagemaker_domain.d');
    expect(domain.properties['SubnetIds']).toEqual([
      new Ref(`${dir}#aws_subnet.private["a"]`, 'SubnetId'),
      new Ref(`${dir}#aws_subnet.private["b"]`, 'SubnetId'),
    ]);
    const sgs = getPath(domain.properties, 'DefaultUserSettings.SecurityGroups');
    expect(sgs).toBeInstanceOf(Unknown);
    expect((sgs as Unknown).refs).toEqual([`${dir}#aws_s3_bucket.maybe[*]`]);
  });

  it('merges each split-out instance into the instance it references', () => {
    for (const i of [0, 1, 2]) expect(getPath(unit.byId(`aws_s3_bucket.data[${i}]`).properties, 'VersioningConfiguration.Status')).toBe('Enabled');
    expect(unit.resources.some((r) => r.nativeType === 'aws_s3_bucket_versioning')).toBe(false);
  });

  it('expands for_each over a set of names taken from references, and merges by name', () => {
    for (const i of [0, 1, 2]) expect(getPath(unit.byId(`aws_s3_bucket.data[${i}]`).properties, 'PublicAccessBlockConfiguration.BlockPublicAcls')).toBe(true);
    expect(unit.resources.some((r) => r.nativeType === 'aws_s3_bucket_public_access_block')).toBe(false);
  });

  it('turns references into inventory edges', () => {
    const inv = new Inventory(unit.resources);
    const domain = unit.byId('aws_sagemaker_domain.d');
    expect(inv.follow(domain, 'SubnetIds').map((r) => r.id)).toEqual(['aws_subnet.private["a"]', 'aws_subnet.private["b"]']);
    expect(inv.follow(domain, 'VpcId').map((r) => r.id)).toEqual(['aws_vpc.main']);
    expect(inv.follow(domain, 'DefaultUserSettings.SecurityGroups').map((r) => r.id)).toEqual(['aws_s3_bucket.maybe[*]']);
  });
});
