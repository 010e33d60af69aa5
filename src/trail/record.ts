// The CloudTrail record as AWS documents it (CloudTrail record contents, eventVersion 1.0x).
// Only the fields detections read are typed; everything else stays available as unknown JSON.

export interface UserIdentity {
  type?: string; // Root | IAMUser | AssumedRole | FederatedUser | AWSService | AWSAccount | IdentityCenterUser | Unknown
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  sessionContext?: {
    sessionIssuer?: { type?: string; principalId?: string; arn?: string; accountId?: string; userName?: string };
    attributes?: { creationDate?: string; mfaAuthenticated?: string };
    sourceIdentity?: string;
  };
  [key: string]: unknown;
}

export interface CloudTrailRecord {
  eventVersion?: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  userIdentity?: UserIdentity;
  errorCode?: string;
  errorMessage?: string;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  requestID?: string;
  eventID?: string;
  eventType?: string;
  readOnly?: boolean;
  resources?: { ARN?: string; accountId?: string; type?: string }[];
  recipientAccountId?: string;
  managementEvent?: boolean;
  eventCategory?: string;
  vpcEndpointId?: string;
  tlsDetails?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Where a record was read from: the file and, for line-oriented inputs, its line. */
export interface RecordSource {
  file: string;
  /** 1-based line for CloudWatch Logs exports / JSON Lines; the record's index for `{"Records":[…]}`. */
  line?: number;
  index?: number;
}

export interface SourcedRecord {
  record: CloudTrailRecord;
  source: RecordSource;
}
