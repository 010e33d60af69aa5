import type { Rule } from '../core/rule.js';
import { rule as endpointConfigKms } from './data/sagemaker-endpoint-config-kms.js';
import { rule as notebookVolumeCmk } from './data/sagemaker-notebook-volume-cmk.js';
import { rule as trainingDataBucketLockdown } from './data/s3-training-data-bucket-lockdown.js';
import { rule as trainingDataManifest } from './data/sagemaker-training-data-manifest.js';
import { rule as trainingDataWriters } from './data/sagemaker-training-data-writers.js';
import { rule as notebookRootAccess } from './identity/sagemaker-notebook-root-access.js';
import { rule as roleBroadPermissions } from './identity/sagemaker-role-broad-permissions.js';
import { rule as iamPrivilegeEscalation } from './identity/iam-privilege-escalation.js';
import { rule as rolePassRoleUnrestricted } from './identity/sagemaker-role-passrole-unrestricted.js';
import { rule as iamPolicyLint } from './identity/iam-policy-lint.js';
import { rule as cloudtrailTrailExists } from './monitoring/cloudtrail-trail-exists.js';
import { rule as unauthorizedApiAlarm } from './monitoring/cloudwatch-unauthorized-api-alarm.js';
import { rule as endpointDataCapture } from './monitoring/sagemaker-endpoint-data-capture.js';
import { rule as consoleLoginNoMfaAlarm } from './monitoring/cloudwatch-console-login-no-mfa-alarm.js';
import { rule as rootUsageAlarm } from './monitoring/cloudwatch-root-usage-alarm.js';
import { rule as iamPolicyChangeAlarm } from './monitoring/cloudwatch-iam-policy-change-alarm.js';
import { rule as cloudtrailChangeAlarm } from './monitoring/cloudwatch-cloudtrail-change-alarm.js';
import { rule as consoleAuthFailureAlarm } from './monitoring/cloudwatch-console-auth-failure-alarm.js';
import { rule as kmsKeyDisableAlarm } from './monitoring/cloudwatch-kms-key-disable-alarm.js';
import { rule as s3BucketPolicyChangeAlarm } from './monitoring/cloudwatch-s3-bucket-policy-change-alarm.js';
import { rule as configChangeAlarm } from './monitoring/cloudwatch-config-change-alarm.js';
import { rule as securityGroupChangeAlarm } from './monitoring/cloudwatch-security-group-change-alarm.js';
import { rule as naclChangeAlarm } from './monitoring/cloudwatch-nacl-change-alarm.js';
import { rule as networkGatewayChangeAlarm } from './monitoring/cloudwatch-network-gateway-change-alarm.js';
import { rule as routeTableChangeAlarm } from './monitoring/cloudwatch-route-table-change-alarm.js';
import { rule as vpcChangeAlarm } from './monitoring/cloudwatch-vpc-change-alarm.js';
import { rule as organizationsChangeAlarm } from './monitoring/cloudwatch-organizations-change-alarm.js';
import { rule as domainVpcOnly } from './network/sagemaker-domain-vpc-only.js';
import { rule as modelNetworkIsolation } from './network/sagemaker-model-network-isolation.js';
import { rule as modelVpc } from './network/sagemaker-model-vpc.js';
import { rule as networkIsolationStrict } from './network/sagemaker-network-isolation-strict.js';
import { rule as notebookDirectInternet } from './network/sagemaker-notebook-direct-internet.js';
import { rule as notebookNotInVpc } from './network/sagemaker-notebook-not-in-vpc.js';
import { rule as modelImagePinned } from './supply-chain/sagemaker-model-image-pinned.js';
import { rule as modelImagePrivateEcr } from './supply-chain/sagemaker-model-image-private-ecr.js';

/** The catalog: the only place a rule is registered. Ordered by ring, then id. */
export const RULES: readonly Rule[] = [
  // network
  notebookDirectInternet,
  notebookNotInVpc,
  modelNetworkIsolation,
  modelVpc,
  domainVpcOnly,
  networkIsolationStrict,
  // identity
  notebookRootAccess,
  roleBroadPermissions,
  iamPrivilegeEscalation,
  rolePassRoleUnrestricted,
  iamPolicyLint,
  // data
  notebookVolumeCmk,
  endpointConfigKms,
  trainingDataBucketLockdown,
  trainingDataManifest,
  trainingDataWriters,
  // monitoring
  endpointDataCapture,
  cloudtrailTrailExists,
  unauthorizedApiAlarm,
  consoleLoginNoMfaAlarm,
  rootUsageAlarm,
  iamPolicyChangeAlarm,
  cloudtrailChangeAlarm,
  consoleAuthFailureAlarm,
  kmsKeyDisableAlarm,
  s3BucketPolicyChangeAlarm,
  configChangeAlarm,
  securityGroupChangeAlarm,
  naclChangeAlarm,
  networkGatewayChangeAlarm,
  routeTableChangeAlarm,
  vpcChangeAlarm,
  organizationsChangeAlarm,
  // supply chain
  modelImagePinned,
  modelImagePrivateEcr,
];
