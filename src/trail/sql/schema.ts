// The CloudTrail table as Athena's documented DDL declares it (athena-ddl.ts), as data: which
// record field is which column, and of what kind. DuckDB's view has the same columns, so field
// paths compile to the same SQL for both. Struct field names are the DDL's (lowercase); JSON
// keys are the record's (camelCase), and only a key the record really uses finds its column.

/** What a column (or struct field) holds. */
export type FieldSchema =
  /** A string, NULL when absent. */
  | { kind: 'text'; column: string }
  /** CloudTrail writes a JSON boolean; the table holds its text. */
  | { kind: 'boolean-text'; column: string }
  /** An object (or anything) kept as its JSON text: requestparameters, responseelements, … */
  | { kind: 'json-text'; column: string }
  | { kind: 'struct'; column: string; fields: Readonly<Record<string, FieldSchema>> }
  /** An array of structs: resources. */
  | { kind: 'struct-list'; column: string; fields: Readonly<Record<string, FieldSchema>> };

const text = (column: string): FieldSchema => ({ kind: 'text', column });
const jsonText = (column: string): FieldSchema => ({ kind: 'json-text', column });
const struct = (column: string, fields: Record<string, FieldSchema>): FieldSchema => ({ kind: 'struct', column, fields });

const SESSION_ISSUER = {
  type: text('type'),
  principalId: text('principalid'),
  arn: text('arn'),
  accountId: text('accountid'),
  userName: text('username'),
};

/** Record key → column, for every top-level field the table declares. */
export const CLOUDTRAIL_COLUMNS: Readonly<Record<string, FieldSchema>> = {
  eventVersion: text('eventversion'),
  userIdentity: struct('useridentity', {
    type: text('type'),
    principalId: text('principalid'),
    arn: text('arn'),
    accountId: text('accountid'),
    invokedBy: text('invokedby'),
    accessKeyId: text('accesskeyid'),
    userName: text('username'),
    onBehalfOf: struct('onbehalfof', { userId: text('userid'), identityStoreArn: text('identitystorearn') }),
    sessionContext: struct('sessioncontext', {
      attributes: struct('attributes', { mfaAuthenticated: text('mfaauthenticated'), creationDate: text('creationdate') }),
      sessionIssuer: struct('sessionissuer', SESSION_ISSUER),
      ec2RoleDelivery: text('ec2roledelivery'),
    }),
  }),
  eventTime: text('eventtime'),
  eventSource: text('eventsource'),
  eventName: text('eventname'),
  awsRegion: text('awsregion'),
  sourceIPAddress: text('sourceipaddress'),
  userAgent: text('useragent'),
  errorCode: text('errorcode'),
  errorMessage: text('errormessage'),
  requestParameters: jsonText('requestparameters'),
  responseElements: jsonText('responseelements'),
  additionalEventData: jsonText('additionaleventdata'),
  requestID: text('requestid'),
  eventID: text('eventid'),
  resources: { kind: 'struct-list', column: 'resources', fields: { ARN: text('arn'), accountId: text('accountid'), type: text('type') } },
  eventType: text('eventtype'),
  apiVersion: text('apiversion'),
  readOnly: { kind: 'boolean-text', column: 'readonly' },
  recipientAccountId: text('recipientaccountid'),
  serviceEventDetails: jsonText('serviceeventdetails'),
  sharedEventID: text('sharedeventid'),
  vpcEndpointId: text('vpcendpointid'),
  vpcEndpointAccountId: text('vpcendpointaccountid'),
  eventCategory: text('eventcategory'),
  addendum: struct('addendum', { reason: text('reason'), updatedFields: text('updatedfields'), originalRequestID: text('originalrequestid'), originalEventID: text('originaleventid') }),
  sessionCredentialFromConsole: text('sessioncredentialfromconsole'),
  edgeDeviceDetails: jsonText('edgedevicedetails'),
  tlsDetails: struct('tlsdetails', { tlsVersion: text('tlsversion'), cipherSuite: text('ciphersuite'), clientProvidedHostHeader: text('clientprovidedhostheader') }),
};

/**
 * The shape DuckDB's json_transform gives a record so that it lands in exactly these columns: the
 * record's own keys, with the SQL type of each (JSON for the json-text columns).
 */
export function duckdbTransformShape(fields: Readonly<Record<string, FieldSchema>> = CLOUDTRAIL_COLUMNS): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(fields)) {
    if (f.kind === 'text' || f.kind === 'boolean-text') out[key] = 'VARCHAR';
    else if (f.kind === 'json-text') out[key] = 'JSON';
    else if (f.kind === 'struct') out[key] = duckdbTransformShape(f.fields);
    else out[key] = [duckdbTransformShape(f.fields)];
  }
  return out;
}

/** The column expressions of DuckDB's view over the transformed record `t`, in DDL order. */
export function duckdbColumns(alias: string): string[] {
  return Object.entries(CLOUDTRAIL_COLUMNS).map(([key, f]) => `${alias}."${key}" AS ${f.column}`);
}
