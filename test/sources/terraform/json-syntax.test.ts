import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraformModule } from '../../../src/sources/terraform/index.js';
import { loadPaths } from '../../../src/sources/load.js';
import { FIXTURES, options, tfFiles } from './helpers.js';

// The same configuration in Terraform's native syntax (hcl/main.tf) and its JSON syntax
// (json/main.tf.json, as CDK for Terraform writes it): variables, locals, interpolation, count,
// a dynamic block, nested blocks as an object and as an array of objects, depends_on, lifecycle,
// and a "//" comment. Both must load to the same resources.
const DIR = join(FIXTURES, 'json-syntax');
const jsonFiles = (dir: string) => [{ path: join(dir, 'main.tf.json'), text: readFileSync(join(dir, 'main.tf.json'), 'utf8') }];

describe('Terraform JSON syntax', () => {
  const hcl = loadTerraformModule(join(DIR, 'hcl'), tfFiles(join(DIR, 'hcl')), options());
  const json = loadTerraformModule(join(DIR, 'json'), jsonFiles(join(DIR, 'json')), options());

  it('loads the same resources, with the same properties, as the native syntax', () => {
    expect(json.inputs).toEqual([expect.objectContaining({ status: 'read', kind: 'terraform', resources: 6 })]);
    // References name their unit (the directory), the one difference between the twins.
    const shape = (u: typeof hcl, dir: string) => JSON.parse(JSON.stringify(u.resources.map((r) => ({ id: r.id, type: r.type, properties: r.properties }))).replaceAll(join(DIR, dir), 'UNIT'));
    expect(shape(json, 'json')).toEqual(shape(hcl, 'hcl'));
    expect(json.resources.map((r) => r.id)).toContain('aws_sagemaker_notebook_instance.nb[1]');
  });

  it('resolves interpolation, count and the dynamic block', () => {
    const nb = json.resources.find((r) => r.id === 'aws_sagemaker_notebook_instance.nb[1]')!;
    expect(nb.properties.NotebookInstanceName).toBe('fraud-nb-1');
    const sg = json.resources.find((r) => r.id === 'aws_security_group.sagemaker')!;
    expect((sg.properties.SecurityGroupEgress as { FromPort: number }[]).map((e) => e.FromPort)).toEqual([443, 8443]);
    const bucket = json.resources.find((r) => r.id === 'aws_s3_bucket.data')!;
    expect(bucket.properties.BucketName).toBe('fraud-training-data');
  });

  it('places each resource at its line in the JSON file', () => {
    const model = json.resources.find((r) => r.id === 'aws_sagemaker_model.model')!;
    const lines = readFileSync(join(DIR, 'json', 'main.tf.json'), 'utf8').split('\n');
    expect(model.location?.file).toBe(join(DIR, 'json', 'main.tf.json'));
    expect(lines[model.location!.line - 1]).toMatch(/"model": \{/);
  });

  it('takes a suppression from a "//" comment inside the resource, reason and all', () => {
    const text = JSON.stringify({
      resource: {
        aws_sagemaker_notebook_instance: {
          lab: { '//': 'ringfence:ignore sagemaker-notebook-root-access the lab image needs root to install drivers', name: 'lab', role_arn: 'arn:aws:iam::123456789012:role/r', instance_type: 'ml.t3.medium' },
        },
      },
    }, null, 2);
    const out = loadTerraformModule('s', [{ path: 's/main.tf.json', text }], options());
    expect(out.resources[0]!.suppressions).toEqual([expect.objectContaining({ rule: 'sagemaker-notebook-root-access', reason: 'the lab image needs root to install drivers', via: 'comment', location: expect.objectContaining({ file: 's/main.tf.json', line: 5 }) })]);
  });

  it('is found by a directory walk, alone or beside .tf files', async () => {
    const loaded = await loadPaths([DIR], options());
    expect(loaded.inputs.map((i) => [i.path, i.status])).toEqual([
      [join(DIR, 'hcl', 'main.tf'), 'read'],
      [join(DIR, 'json', 'main.tf.json'), 'read'],
    ]);
    expect(loaded.inventory.size).toBe(12);
  });
});
