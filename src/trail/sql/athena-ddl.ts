// The Athena table for CloudTrail's S3 log files, with the columns of the AWS documentation page
// "Create a table for CloudTrail logs in Athena using manual partitioning" (JSON SerDe over
// CloudTrailInputFormat, one row per record of {"Records":[…]}), plus the partition-projection
// variant the page "Create the table for CloudTrail logs in Athena using partition projection"
// describes, so a new day needs no ALTER TABLE. The generated SQL reads these columns.

export interface AthenaTableOptions {
  /** Table name (default cloudtrail_logs). */
  table?: string;
  /** `s3://bucket/AWSLogs/<account>/CloudTrail/` (default a placeholder to edit). */
  location?: string;
  /** Partition projection over region and date instead of manual partitions. */
  projection?: { regions: readonly string[]; since: string };
}

const COLUMNS = `  eventversion STRING,
  useridentity STRUCT<
    type: STRING,
    principalid: STRING,
    arn: STRING,
    accountid: STRING,
    invokedby: STRING,
    accesskeyid: STRING,
    username: STRING,
    onbehalfof: STRUCT<
      userid: STRING,
      identitystorearn: STRING>,
    sessioncontext: STRUCT<
      attributes: STRUCT<
        mfaauthenticated: STRING,
        creationdate: STRING>,
      sessionissuer: STRUCT<
        type: STRING,
        principalid: STRING,
        arn: STRING,
        accountid: STRING,
        username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<
        federatedprovider: STRING,
        attributes: MAP<STRING, STRING>>>>,
  eventtime STRING,
  eventsource STRING,
  eventname STRING,
  awsregion STRING,
  sourceipaddress STRING,
  useragent STRING,
  errorcode STRING,
  errormessage STRING,
  requestparameters STRING,
  responseelements STRING,
  additionaleventdata STRING,
  requestid STRING,
  eventid STRING,
  resources ARRAY<STRUCT<
    arn: STRING,
    accountid: STRING,
    type: STRING>>,
  eventtype STRING,
  apiversion STRING,
  readonly STRING,
  recipientaccountid STRING,
  serviceeventdetails STRING,
  sharedeventid STRING,
  vpcendpointid STRING,
  vpcendpointaccountid STRING,
  eventcategory STRING,
  addendum STRUCT<
    reason: STRING,
    updatedfields: STRING,
    originalrequestid: STRING,
    originaleventid: STRING>,
  sessioncredentialfromconsole STRING,
  edgedevicedetails STRING,
  tlsdetails STRUCT<
    tlsversion: STRING,
    ciphersuite: STRING,
    clientprovidedhostheader: STRING>`;

const FORMAT = `ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'`;

const PLACEHOLDER = 's3://amzn-s3-demo-bucket/AWSLogs/111122223333/CloudTrail/';

/** `CREATE EXTERNAL TABLE` for CloudTrail logs, ready to paste into the Athena query editor. */
export function athenaDdl(options: AthenaTableOptions = {}): string {
  const table = options.table ?? 'cloudtrail_logs';
  const location = (options.location ?? PLACEHOLDER).replace(/\/?$/, '/');
  const head = `CREATE EXTERNAL TABLE ${table} (\n${COLUMNS}\n)`;
  if (!options.projection) {
    return [
      `-- CloudTrail logs in Athena (manual partitions). Edit LOCATION, then add a partition per region and day:`,
      `--   ALTER TABLE ${table} ADD PARTITION (region='eu-west-1', year='2024', month='08', day='01')`,
      `--   LOCATION '${location}eu-west-1/2024/08/01/';`,
      head,
      `PARTITIONED BY (region STRING, year STRING, month STRING, day STRING)`,
      FORMAT,
      `LOCATION '${location}';`,
    ].join('\n');
  }
  const { regions, since } = options.projection;
  return [
    `-- CloudTrail logs in Athena with partition projection: new days need no ALTER TABLE.`,
    `-- Filter on the partition in every query (WHERE region = '…' AND timestamp >= '2024/08/01') to scan only those days.`,
    head,
    `PARTITIONED BY (region STRING, timestamp STRING)`,
    FORMAT,
    `LOCATION '${location}'`,
    `TBLPROPERTIES (`,
    `  'projection.enabled' = 'true',`,
    `  'projection.region.type' = 'enum',`,
    `  'projection.region.values' = '${regions.join(',')}',`,
    `  'projection.timestamp.type' = 'date',`,
    `  'projection.timestamp.format' = 'yyyy/MM/dd',`,
    `  'projection.timestamp.interval' = '1',`,
    `  'projection.timestamp.interval.unit' = 'DAYS',`,
    `  'projection.timestamp.range' = '${since},NOW',`,
    `  'storage.location.template' = '${location}\${region}/\${timestamp}'`,
    `);`,
  ].join('\n');
}
