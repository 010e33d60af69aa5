import type { SourcedRecord } from '../../record.js';
import { alertOn, iso } from '../alert.js';
import { SlidingSum } from '../bounded.js';
import { eventTimeMs, isServiceCall, principalOf } from '../principal.js';
import { listParam, minutesMs, numberParam } from '../params.js';
import { textAt, valueAt } from '../path.js';
import { absent, all, eq, globRegExp } from '../predicate.js';
import { locationText, SAGEMAKER_INPUT_EVENTS, TrainingData } from '../training-data.js';
import { NO_ALERTS, type Alert, type Detection } from '../types.js';

const MB = 1024 * 1024;

export const detection: Detection = {
  id: 's3-training-data-bulk-read',
  title: 'Unusual volume of training data read by one principal',
  ring: 'data',
  severity: 'high',
  resourceTypes: [],
  rationale:
    'Training data is often the most sensitive thing an ML team holds (customer records, labelled corpora) and the most valuable ' +
    'to steal. One principal reading thousands of objects or gigabytes from a training-data bucket within an hour, outside the ' +
    'jobs SageMaker runs, looks like exfiltration through stolen notebook or pipeline credentials. Training-data buckets are the ' +
    'ones given with --bucket and the S3 inputs of SageMaker jobs created in the log; needs S3 data events in the trail.',
  remediation:
    'Identify the principal and where the reads came from (sourceIPAddress, vpcEndpointId); if unexpected, revoke its sessions. ' +
    'Lock the bucket to named roles and VPC endpoints (posture rule s3-training-data-bucket-lockdown) and log S3 data events for it.',
  references: {
    attack: ['T1530', 'T1567'],
    atlas: ['AML.T0025', 'AML.T0035', 'AML.T0036', 'AML.M0005', 'AML.M0024'],
    nist80053: ['AC-6', 'SI-4(18)', 'AU-6'],
    docs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html#cloudtrail-data-events'],
  },
  kind: 'stateful',
  eventNames: ['GetObject', ...SAGEMAKER_INPUT_EVENTS],
  parameters: {
    objectThreshold: { default: 1_000, description: 'GetObject calls by one principal on one training-data bucket within the window that alert' },
    megabyteThreshold: { default: 1_024, description: 'megabytes read (additionalEventData.bytesTransferredOut) by one principal from one bucket within the window that alert' },
    windowMinutes: { default: 60, description: 'the sliding window, in minutes (counted in twelve steps)' },
    maxKeys: { default: 10_000, description: 'principal and bucket pairs counted at once (least recently seen forgotten first)' },
    ignorePrincipals: { default: [], description: 'principal ARNs (`*` wildcards) whose reads are expected, e.g. a data-loading role' },
  },
  predicate: all(eq('eventSource', 's3.amazonaws.com'), eq('eventName', 'GetObject'), absent('errorCode')),
  create(config) {
    const training = new TrainingData(config.trainingBuckets);
    const windowMinutes = numberParam(config, 'windowMinutes');
    const sums = new SlidingSum(numberParam(config, 'maxKeys'), minutesMs(windowMinutes));
    const objectThreshold = numberParam(config, 'objectThreshold');
    const byteThreshold = numberParam(config, 'megabyteThreshold') * MB;
    const ignored = listParam(config, 'ignorePrincipals').map(globRegExp);
    return {
      onRecord(sourced: SourcedRecord): readonly Alert[] {
        const r = sourced.record;
        if (r.eventName !== 'GetObject') {
          training.learn(r);
          return NO_ALERTS;
        }
        if (r.eventSource !== 's3.amazonaws.com' || r.errorCode || isServiceCall(r)) return NO_ALERTS;
        const bucket = textAt(r, 'requestParameters.bucketName');
        if (!bucket) return NO_ALERTS;
        const loc = training.match(bucket, textAt(r, 'requestParameters.key'));
        if (!loc) return NO_ALERTS;
        const principal = principalOf(r);
        if (ignored.some((re) => re.test(principal))) return NO_ALERTS;
        const time = eventTimeMs(r);
        if (!Number.isFinite(time)) return NO_ALERTS;
        const bytes = Number(valueAt(r, 'additionalEventData.bytesTransferredOut')) || 0;
        const key = `${principal}\n${bucket}`;
        const total = sums.add(key, time, bytes);
        if (total.quiet || (total.count < objectThreshold && total.amount < byteThreshold)) return NO_ALERTS;
        sums.quiet(key, time);
        return [
          alertOn('s3-training-data-bulk-read', sourced, {
            summary: `read ${total.count} objects (${(total.amount / MB).toFixed(1)} MB) of training data from bucket ${bucket} within ${windowMinutes} min`,
            evidence: [
              `training data at ${locationText(loc)}`,
              `${total.count} GetObject calls, ${(total.amount / MB).toFixed(1)} MB in the ${windowMinutes} min up to ${iso(time)} (thresholds ${objectThreshold} objects or ${byteThreshold / MB} MB)`,
              ...(r.sourceIPAddress ? [`sourceIPAddress = ${r.sourceIPAddress}`] : []),
            ],
            resource: { type: 'AWS::S3::Bucket', id: bucket, arn: `arn:aws:s3:::${bucket}` },
            property: 'requestParameters.bucketName',
          }),
        ];
      },
      flush: () => NO_ALERTS,
      evictions: () => sums.evicted,
    };
  },
};
