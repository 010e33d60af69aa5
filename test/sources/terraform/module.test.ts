import { describe, expect, it } from 'vitest';
import { Inventory } from '../../../src/core/inventory.js';
import { locate } from '../../../src/core/resource.js';
import { Expr, Ref, getPath } from '../../../src/core/value.js';
import { loadFixture } from './helpers.js';

// An ML stack across several files, a local child module, a registry module, tfvars and the
// split-out resources of provider v4+.
const dir = 'test/fixtures/terraform/ml-stack';
const unit = loadFixture('ml-stack');
const inv = new Inventory(unit.resources);
const key = (address: string): string => `${dir}#${address}`;

describe('Terraform module: resources', () => {
  it('keys resources by directory and address, with the Terraform type kept', () => {
    const nb = unit.byId('aws_sagemaker_notebook_instance.nb[0]');
    expect(nb).toMatchObject({
      key: key('aws_sagemaker_notebook_instance.nb[0]'),
      type: 'AWS::SageMaker::NotebookInstance',
      nativeType: 'aws_sagemaker_notebook_instance',
      source: 'terraform',
      unit: dir,
      location: { file: `${dir}/main.tf`, line: 19, column: 1 },
    });
  });

  it('evaluates variables from terraform.tfvars, locals and conditionals', () => {
    const nb = unit.byId('aws_sagemaker_notebook_instance.nb[0]');
    expect(nb.properties['NotebookInstanceName']).toBe('ml-staging-nb-0');
    expect(nb.properties['InstanceType']).toBe('ml.t3.medium');
    expect(nb.properties['DirectInternetAccess']).toBe('Disabled');
    expect(nb.properties['Tags']).toEqual([
      { Key: 'Project', Value: 'ringfence' },
      { Key: 'Env', Value: 'staging' },
    ]);
  });

  it('points each CloudFormation property at its Terraform attribute', () => {
    const nb = unit.byId('aws_sagemaker_notebook_instance.nb[0]');
    expect(nb.propertyLocations['DirectInternetAccess']).toEqual({ file: `${dir}/main.tf`, line: 27, column: 3 });
    expect(nb.propertyLocations['VolumeSizeInGB']).toEqual({ file: `${dir}/main.tf`, line: 29, column: 3 });
    const ec = unit.byId('aws_sagemaker_endpoint_configuration.ec');
    expect(locate(ec, 'DataCaptureConfig.InitialSamplingPercentage')).toEqual({ file: `${dir}/main.tf`, line: 69, column: 5 });
    expect(locate(ec, 'DataCaptureConfig.CaptureOptions[1].CaptureMode')).toEqual({ file: `${dir}/main.tf`, line: 76, column: 7 });
  });

  it('follows a local module with its inputs and reads its resources', () => {
    const k = unit.byId('module.kms.aws_kms_key.this');
    expect(k.key).toBe(key('module.kms.aws_kms_key.this'));
    expect(k.unit).toBe(dir);
    expect(k.location?.file).toBe(`${dir}/modules/kms/main.tf`);
    expect(k.properties).toMatchObject({ Description: 'ml-staging data key', EnableKeyRotation: true });
    expect(unit.byId('aws_sagemaker_notebook_instance.nb[0]').properties['KmsKeyId']).toEqual(new Ref(key('module.kms.aws_kms_key.this'), 'Arn'));
  });

  it('warns about a module it does not follow', () => {
    const main = unit.inputs.find((r) => r.path === `${dir}/main.tf`)!;
    expect(main.warnings).toContainEqual({ message: 'module "registry" not followed: source "terraform-aws-modules/ecr/aws" is not a local path', line: 14, column: 1 });
  });

  it('accounts for every file read, with resource counts', () => {
    expect(unit.inputs.map((r) => [r.path, r.kind, r.status, r.resources])).toEqual([
      [`${dir}/iam.tf`, 'terraform', 'read', 2],
      [`${dir}/main.tf`, 'terraform', 'read', 5],
      [`${dir}/network.tf`, 'terraform', 'read', 9],
      [`${dir}/s3.tf`, 'terraform', 'read', 4],
      [`${dir}/variables.tf`, 'terraform', 'read', 0],
      [`${dir}/terraform.tfvars`, 'terraform-vars', 'read', undefined],
      [`${dir}/modules/kms/main.tf`, 'terraform', 'read', 1],
    ]);
  });
});

describe('Terraform module: references become edges', () => {
  it('links the notebook to its role, subnet, security group, key and lifecycle config', () => {
    const nb = unit.byId('aws_sagemaker_notebook_instance.nb[0]');
    expect(nb.properties['RoleArn']).toEqual(new Ref(key('aws_iam_role.exec'), 'Arn'));
    expect(inv.follow(nb, 'RoleArn').map((r) => r.id)).toEqual(['aws_iam_role.exec']);
    expect(inv.follow(nb, 'SubnetId').map((r) => r.type)).toEqual(['AWS::EC2::Subnet']);
    expect(inv.follow(nb, 'SecurityGroupIds').map((r) => r.type)).toEqual(['AWS::EC2::SecurityGroup']);
    expect(inv.follow(nb, 'KmsKeyId').map((r) => r.type)).toEqual(['AWS::KMS::Key']);
    expect(nb.properties['LifecycleConfigName']).toEqual(new Ref(key('aws_sagemaker_notebook_instance_lifecycle_configuration.lc'), undefined, 'ml-staging-lc'));
  });

  it('links model → endpoint config → endpoint, keeping the names as text', () => {
    const ep = unit.byId('aws_sagemaker_endpoint.ep');
    expect(inv.follow(ep, 'EndpointConfigName').map((r) => r.id)).toEqual(['aws_sagemaker_endpoint_configuration.ec']);
    const ec = unit.byId('aws_sagemaker_endpoint_configuration.ec');
    const model = getPath(ec.properties, 'ProductionVariants[0].ModelName');
    expect(model).toEqual(new Ref(key('aws_sagemaker_model.model'), 'ModelName', 'ml-staging-model'));
    expect(getPath(ec.properties, 'DataCaptureConfig.DestinationS3Uri')).toEqual(
      new Expr(['s3://', new Ref(key('aws_s3_bucket.data'), undefined, 'ml-staging-training-data'), '/capture']),
    );
  });

  it('evaluates aws_iam_policy_document into the bucket policy, references kept', () => {
    const policy = unit.byId('aws_s3_bucket_policy.data');
    expect(inv.follow(policy, 'Bucket').map((r) => r.id)).toEqual(['aws_s3_bucket.data']);
    expect(policy.properties['PolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: [new Ref(key('aws_s3_bucket.data'), 'Arn'), new Expr([new Ref(key('aws_s3_bucket.data'), 'Arn'), '/*'])],
          Principal: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
  });

  it('renders a fully known policy document as JSON that the role mapping parses back', () => {
    expect(unit.byId('aws_iam_role.exec').properties['AssumeRolePolicyDocument']).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' } }],
    });
  });

  it('gives a computed cidrsubnet from a referenced VPC block', () => {
    expect(unit.byId('aws_subnet.private').properties['CidrBlock']).toBe('10.0.1.0/24');
  });

  it('expands dynamic blocks and splits security group rules per source', () => {
    const sg = unit.byId('aws_security_group.nb');
    expect(sg.properties['SecurityGroupIngress']).toEqual([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }]);
    expect((sg.properties['SecurityGroupEgress'] as unknown[]).map((r) => (r as { CidrIp: string }).CidrIp)).toEqual(['0.0.0.0/0', '10.0.0.0/8']);
    expect(sg.propertyLocations['SecurityGroupEgress[1].CidrIp']).toEqual({ file: `${dir}/network.tf`, line: 28, column: 5 });
  });

  it('synthesizes routes and gateway attachments as their own CloudFormation resources', () => {
    const route = unit.byId('aws_route_table.public/route[0]');
    expect(route).toMatchObject({ type: 'AWS::EC2::Route', parent: key('aws_route_table.public'), location: { line: 38, column: 3 } });
    expect(route.properties['DestinationCidrBlock']).toBe('0.0.0.0/0');
    expect(inv.follow(route, 'GatewayId').map((r) => r.type)).toEqual(['AWS::EC2::InternetGateway']);
    expect(inv.follow(route, 'RouteTableId').map((r) => r.id)).toEqual(['aws_route_table.public']);
    const att = unit.byId('aws_internet_gateway.gw/attachment');
    expect(att.type).toBe('AWS::EC2::VPCGatewayAttachment');
    expect(inv.follow(att).map((r) => r.id).sort()).toEqual(['aws_internet_gateway.gw', 'aws_vpc.main']);
  });

});

describe('Terraform module: split-out S3 and IAM resources', () => {
  it('merges versioning, encryption and public access block into the bucket, located at the split-out blocks', () => {
    const b = unit.byId('aws_s3_bucket.data');
    expect(b.properties['VersioningConfiguration']).toEqual({ Status: 'Enabled' });
    expect(getPath(b.properties, 'BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm')).toBe('aws:kms');
    expect(getPath(b.properties, 'PublicAccessBlockConfiguration.RestrictPublicBuckets')).toBe(true);
    expect(b.propertyLocations['VersioningConfiguration.Status']).toEqual({ file: `${dir}/s3.tf`, line: 8, column: 5 });
    expect(locate(b, 'PublicAccessBlockConfiguration.BlockPublicPolicy')).toEqual({ file: `${dir}/s3.tf`, line: 27, column: 3 });
    expect(inv.follow(b, 'BucketEncryption').map((r) => r.type)).toEqual(['AWS::KMS::Key']);
    expect(unit.resources.filter((r) => r.nativeType?.startsWith('aws_s3_bucket_') && r.type === 'AWS::S3::Bucket')).toEqual([]);
  });

  it('maps the legacy inline bucket settings, and the inline policy read with file()', () => {
    const legacy = unit.byId('aws_s3_bucket.legacy');
    expect(legacy.properties).toMatchObject({ AccessControl: 'PublicRead', VersioningConfiguration: { Status: 'Enabled' } });
    const policy = unit.byId('aws_s3_bucket.legacy/policy');
    expect(policy.type).toBe('AWS::S3::BucketPolicy');
    expect(getPath(policy.properties, 'PolicyDocument.Statement[0].Principal')).toBe('*');
    expect(inv.follow(policy, 'Bucket').map((r) => r.id)).toEqual(['aws_s3_bucket.legacy']);
  });

  it('adds role policy attachments to ManagedPolicyArns and maps inline and standalone policies', () => {
    const role = unit.byId('aws_iam_role.exec');
    expect(role.properties['ManagedPolicyArns']).toEqual(['arn:aws:iam::aws:policy/AmazonSageMakerFullAccess']);
    expect(role.propertyLocations['ManagedPolicyArns[0]']).toEqual({ file: `${dir}/iam.tf`, line: 30, column: 3 });
    expect(getPath(role.properties, 'Policies[0].PolicyDocument.Statement[0].Resource')).toEqual(new Expr([new Ref(key('aws_s3_bucket.data'), 'Arn'), '/*']));
    const logs = unit.byId('aws_iam_role_policy.logs');
    expect(logs.type).toBe('AWS::IAM::Policy');
    expect(logs.properties['Roles']).toEqual([new Ref(key('aws_iam_role.exec'), undefined, 'ml-staging-exec')]);
    expect(getPath(logs.properties, 'PolicyDocument.Statement[0].Action')).toBe('logs:*');
  });
});
