import { describe, expect, it } from 'vitest';
import { Inventory } from '../../../src/core/inventory.js';
import { Expr, Ref, Unknown } from '../../../src/core/value.js';
import { loadCloudFormation } from '../../../src/sources/cloudformation/load.js';
import { byId, loadFixture, options } from './helpers.js';

const F = 'pipeline.yaml';

describe('AWS::SageMaker::Pipeline steps', () => {
  const loaded = loadFixture(F);

  it('synthesizes one child resource per training and processing step, nested condition steps included', () => {
    expect(loaded.warnings).toEqual([]);
    const steps = loaded.resources.filter((r) => r.parent);
    expect(steps.map((r) => [r.id, r.type, r.key, r.label, r.parent])).toEqual([
      ['TrainingPipeline/Preprocess', 'AWS::SageMaker::ProcessingJob', `${F}#TrainingPipeline/Preprocess`, 'Preprocess', `${F}#TrainingPipeline`],
      ['TrainingPipeline/Train', 'AWS::SageMaker::TrainingJob', `${F}#TrainingPipeline/Train`, 'Train', `${F}#TrainingPipeline`],
      ['TrainingPipeline/Retrain', 'AWS::SageMaker::TrainingJob', `${F}#TrainingPipeline/Retrain`, 'Retrain', `${F}#TrainingPipeline`],
    ]);
    for (const s of steps) {
      expect(s.location).toEqual({ file: F, line: 30, column: 9 });
      expect(s).toMatchObject({ source: 'cloudformation', unit: F, propertyLocations: {} });
    }
  });

  it('step properties are the step Arguments, with the Sub references mapped back into them', () => {
    const train = byId(loaded, 'TrainingPipeline/Train').properties as any;
    expect(train.EnableNetworkIsolation).toBe(false);
    expect(train.RoleArn).toEqual(new Ref(`${F}#PipelineRole`, 'Arn'));
    expect(train.OutputDataConfig.S3OutputPath).toEqual(new Expr(['s3://', new Ref(`${F}#ArtifactBucket`, undefined, 'acme-artifacts'), '/model']));
    expect((train.OutputDataConfig.KmsKeyId as Unknown).reason).toBe('parameter KmsKeyArn has no default and no value was given');
    expect((train.ResourceConfig.InstanceType as Unknown).reason).toBe('pipeline expression {"Get":"Parameters.TrainingInstanceType"} is evaluated when the pipeline runs');
    expect(train.ResourceConfig.VolumeSizeInGB).toBe(50);
    const pre = byId(loaded, 'TrainingPipeline/Preprocess').properties as any;
    expect(pre.ProcessingResources.ClusterConfig.InstanceType).toBe('ml.m5.large');
    expect(byId(loaded, 'TrainingPipeline/Retrain').properties.EnableNetworkIsolation).toBe(true);
  });

  it('step references become inventory edges', () => {
    const inv = new Inventory(loaded.resources);
    const train = byId(loaded, 'TrainingPipeline/Train');
    expect(inv.follow(train, 'RoleArn').map((r) => r.id)).toEqual(['PipelineRole']);
    expect(inv.follow(train, 'OutputDataConfig').map((r) => r.id)).toEqual(['ArtifactBucket']);
  });

  it('parameters fill the definition too', () => {
    const withKey = loadFixture(F, { parameters: { KmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' } });
    expect((byId(withKey, 'TrainingPipeline/Train').properties as any).OutputDataConfig.KmsKeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/abc');
  });

  const pipeline = (body: string, metadata = '') =>
    `Resources:\n  Role:\n    Type: AWS::IAM::Role\n  P:\n    Type: AWS::SageMaker::Pipeline\n${metadata}    Properties:\n      PipelineDefinition:\n        PipelineDefinitionBody: ${body}\n`;

  it('reads a plain JSON string body and a CDK-style Fn::Join body', () => {
    const plain = loadCloudFormation('t.yaml', pipeline(`'{"Steps": [{"Name": "T", "Type": "Training", "Arguments": {"EnableNetworkIsolation": true}}]}'`), options());
    expect(byId(plain, 'P/T').properties).toEqual({ EnableNetworkIsolation: true });
    const join = loadCloudFormation('t.yaml', pipeline(`{ "Fn::Join": ["", ['{"Steps": [{"Name": "T", "Type": "Training", "Arguments": {"RoleArn": "', { "Fn::GetAtt": [Role, Arn] }, '"}}]}']] }`), options());
    expect(byId(join, 'P/T').properties.RoleArn).toEqual(new Ref('t.yaml#Role', 'Arn'));
  });

  it('passes the pipeline suppressions on to its steps', () => {
    const meta = '    Metadata:\n      ringfence:\n        suppress:\n          - { rule: sagemaker-training-network-isolation, reason: vendor image needs egress }\n';
    const loaded = loadCloudFormation('t.yaml', pipeline(`'{"Steps": [{"Name": "T", "Type": "Training", "Arguments": {}}]}'`, meta), options());
    expect(byId(loaded, 'P/T').suppressions.map((s) => s.rule)).toEqual(['sagemaker-training-network-isolation']);
  });

  it('a body that is not JSON warns and yields no steps; the pipeline itself still loads', () => {
    const loaded = loadCloudFormation('t.yaml', pipeline(`'{"Steps": [ not json'`), options());
    expect(loaded.resources.map((r) => r.id)).toEqual(['Role', 'P']);
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]!.message).toMatch(/^P: PipelineDefinitionBody is not valid JSON \(.+\); its steps are not scanned$/);
    expect(loaded.warnings[0]).toMatchObject({ line: 8, column: 33 });
  });

  it('a duplicated step name is scanned once, with a warning', () => {
    const body = `'{"Steps": [{"Name": "T", "Type": "Training"}, {"Name": "T", "Type": "Processing"}]}'`;
    const loaded = loadCloudFormation('t.yaml', pipeline(body), options());
    expect(loaded.resources.map((r) => r.id)).toEqual(['Role', 'P', 'P/T']);
    expect(loaded.warnings.map((w) => w.message)).toEqual(['P: more than one step is named T; only the first is scanned']);
  });
});
