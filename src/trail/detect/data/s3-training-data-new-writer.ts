import type { SourcedRecord } from '../../record.js';
import { alertOn } from '../alert.js';
import { FirstSeen } from '../bounded.js';
import { eventTimeMs, isServiceCall, principalOf } from '../principal.js';
import { BASELINE_DAYS, daysMs, firstSeenParameters, numberParam } from '../params.js';
import { textAt } from '../path.js';
import { absent, all, eq, oneOf } from '../predicate.js';
import { locationText, SAGEMAKER_INPUT_EVENTS, TrainingData } from '../training-data.js';
import { NO_ALERTS, type Alert, type Detection } from '../types.js';

/** S3 calls that change objects: each can plant, alter or remove training examples. */
export const OBJECT_WRITES: readonly string[] = ['PutObject', 'CopyObject', 'CompleteMultipartUpload', 'DeleteObject', 'DeleteObjects', 'RestoreObject'];
const WRITES = new Set(OBJECT_WRITES);

export const detection: Detection = {
  id: 's3-training-data-new-writer',
  title: 'Training data written by a principal that never wrote there',
  ring: 'data',
  severity: 'high',
  resourceTypes: [],
  rationale:
    'Poisoning needs write access to what the model learns from: a few altered or added examples under a training prefix change ' +
    'the next model. The writers of a training prefix are few and steady (an ingestion job, a processing step); a principal ' +
    'writing or deleting there for the first time deserves a look before the next training run. Training prefixes are the ' +
    'ones given with --bucket and the S3 inputs of SageMaker jobs created in the log; learning period: writers first seen in the ' +
    'first baselineDays of the log are learned silently. Needs S3 data events (write) in the trail.',
  remediation:
    'Check the objects the principal wrote against their source (versioning keeps the previous versions) before training on them. ' +
    'Give write access to training prefixes only to the ingestion roles, enable versioning and Object Lock where data is append-only, ' +
    'and record dataset checksums with each training job.',
  references: {
    attack: ['T1565.001'],
    atlas: ['AML.T0020', 'AML.T0059', 'AML.T0010.002', 'AML.M0007', 'AML.M0025'],
    owaspMl: ['ML02:2023 Data Poisoning Attack'],
    nist80053: ['SI-7', 'AC-6', 'AU-6'],
    docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html#cloudtrail-data-events'],
  },
  kind: 'stateful',
  eventNames: [...OBJECT_WRITES, ...SAGEMAKER_INPUT_EVENTS],
  parameters: firstSeenParameters('principal and training-prefix pairs'),
  predicate: all(eq('eventSource', 's3.amazonaws.com'), oneOf('eventName', ...OBJECT_WRITES), absent('errorCode')),
  create(config) {
    const training = new TrainingData(config.trainingBuckets);
    const seen = new FirstSeen(numberParam(config, 'maxPairs'), daysMs(numberParam(config, BASELINE_DAYS)), config.runStartMs);
    return {
      onRecord(sourced: SourcedRecord): readonly Alert[] {
        const r = sourced.record;
        if (!WRITES.has(r.eventName)) {
          training.learn(r);
          return NO_ALERTS;
        }
        if (r.eventSource !== 's3.amazonaws.com' || r.errorCode || isServiceCall(r)) return NO_ALERTS;
        const bucket = textAt(r, 'requestParameters.bucketName');
        if (!bucket) return NO_ALERTS;
        const key = textAt(r, 'requestParameters.key');
        const loc = training.match(bucket, key);
        if (!loc) return NO_ALERTS;
        if (!seen.observe(`${principalOf(r)}\n${locationText(loc)}`, eventTimeMs(r))) return NO_ALERTS;
        const object = key !== undefined ? `s3://${bucket}/${key}` : `s3://${bucket}`;
        return [
          alertOn('s3-training-data-new-writer', sourced, {
            summary: `${r.eventName === 'DeleteObject' || r.eventName === 'DeleteObjects' ? 'deleted' : 'wrote'} ${object} under training data ${locationText(loc)} for the first time`,
            evidence: [`${r.eventName} on ${object}`, `training data at ${locationText(loc)}`, 'first write by this principal there since the learning period ended'],
            resource: key !== undefined ? { type: 'AWS::S3::Object', id: object, arn: `arn:aws:s3:::${bucket}/${key}` } : { type: 'AWS::S3::Bucket', id: bucket, arn: `arn:aws:s3:::${bucket}` },
            property: 'requestParameters.key',
          }),
        ];
      },
      flush: () => NO_ALERTS,
      evictions: () => seen.evicted,
    };
  },
};
