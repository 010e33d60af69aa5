import { fail, pass, unknown, type CheckResult, type Rule } from '../../core/rule.js';
import { approvedManifests, covers, s3Inputs, TRAINING_JOB_TYPES } from './training-job-inputs.js';

export const rule: Rule = {
  id: 'sagemaker-training-data-manifest',
  title: 'Training input has no approved dataset manifest (strict profile)',
  ring: 'data',
  severity: 'medium',
  resourceTypes: TRAINING_JOB_TYPES,
  profiles: ['strict'],
  rationale:
    'Poisoned training data looks like any other data: a few flipped labels or injected rows change what the model learns and ' +
    'nobody notices. A signed manifest records every approved object by SHA-256; a job whose input no approved manifest covers ' +
    'trains on whatever the prefix holds on the day it runs.',
  remediation:
    'Approve the dataset: `ringfence data manifest s3://bucket/prefix/ --sign-key approver.pem -o train.manifest.json`, keep the ' +
    'manifest with the infrastructure code (scan reads *.manifest.json files among or beside what it scans, and --manifests PATH), ' +
    'and run `ringfence data verify train.manifest.json s3://bucket/prefix/ --public-key approver.pub` before training. A manifest ' +
    'of s3://bucket/P covers every channel whose S3Uri starts with s3://bucket/P.',
  references: {
    nist80053: ['SI-7', 'SI-7(1)', 'SR-4', 'CM-14'],
    atlas: ['AML.T0020', 'AML.T0059', 'AML.M0007', 'AML.M0014'],
    owaspMl: ['ML02:2023', 'ML10:2023'],
    docs: ['https://atlas.mitre.org/techniques/AML.T0020', 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_S3DataSource.html'],
  },
  check(job, inventory) {
    const inputs = s3Inputs(job);
    if (!Array.isArray(inputs)) return [unknown(inputs.path, `${inputs.path} is not known before the pipeline runs (${inputs.unknown}); cannot tell which data it reads`)];
    const manifests = approvedManifests(inventory);
    return inputs.map((input): CheckResult => {
      const channel = input.label;
      if (input.uri.state === 'unknown') return unknown(input.path, `the S3 URI of ${channel} cannot be determined (${input.uri.reason}); cannot tell whether an approved manifest covers it`);
      const { uri, bucket, prefix } = input.uri;
      if (input.listFile) {
        return unknown(input.path, `${channel} reads the objects listed in the ${input.listFile} ${uri}; which objects those are is decided when the job runs`);
      }
      const covering = manifests.filter((m) => covers(m, bucket, prefix));
      const signed = covering.find((m) => m.signature !== 'unsigned');
      if (signed) {
        const by = signed.keyId ? ` signed by ${signed.keyId}${signed.signedAt ? ` on ${signed.signedAt}` : ''}` : '';
        return pass(input.path, `${channel} (${uri}) is covered by the approved manifest ${signed.file} of ${signed.uri}${by}`);
      }
      if (covering.length) {
        return fail(input.path, `${channel} (${uri}) is covered only by the unsigned manifest ${covering[0]!.file}: nothing shows who approved the data; sign it with --sign-key or --kms-key-id`);
      }
      return fail(
        input.path,
        `no approved dataset manifest covers ${channel} (${uri}): the job trains on whatever the prefix holds when it runs; ` +
          `approve it with \`ringfence data manifest ${uri} --sign-key KEY.pem -o NAME.manifest.json\` and give the manifest to the scan`,
      );
    });
  },
};
