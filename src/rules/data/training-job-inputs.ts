import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { asString, getPath, isObject, joinPath, referencedKeys, Unknown, type Value } from '../../core/value.js';
import { showValue } from '../lib/read.js';

/**
 * What the two training-data rules share: the S3 inputs of training and processing jobs
 * (pipeline steps are synthesized as such jobs), the roles that run a job's pipeline, and the
 * approved dataset manifests the scan was given.
 */

export const TRAINING_JOB_TYPES = ['AWS::SageMaker::TrainingJob', 'AWS::SageMaker::ProcessingJob'];

/**
 * Approved dataset manifests enter the inventory as resources of this type (ml/integrity's
 * scan link makes them), with properties Uri, Bucket, Prefix, SignatureStatus (intact,
 * unchecked or unsigned), KeyId and SignedAt. Their location is the manifest file.
 */
export const DATASET_MANIFEST_TYPE = 'Ringfence::Dataset::Manifest';

/** Processing inputs with this name hold the job's code (the SageMaker Python SDK's convention), not data. */
const CODE_INPUT_NAMES: ReadonlySet<string> = new Set(['code']);

export type S3UriReading = { state: 'known'; uri: string; bucket: string; prefix: string } | { state: 'unknown'; reason: string };

export interface S3Input {
  /** Property path of the S3 URI: `InputDataConfig[0].DataSource.S3DataSource.S3Uri`. */
  path: string;
  /** For messages: `channel train`, `processing input raw`. */
  label: string;
  uri: S3UriReading;
  /** ManifestFile / AugmentedManifestFile: the URI names a list of objects rather than a prefix. */
  listFile?: string;
  /** Inventory keys referenced by the URI (a bucket whose name is generated). */
  refs: string[];
}

/** Where each job type keeps its inputs: the list, and within each item the URI, name and data type. */
const INPUT_LAYOUTS: readonly { type: string; list: string; uri: string; name: string; noun: string; dataType?: string }[] = [
  { type: 'AWS::SageMaker::TrainingJob', list: 'InputDataConfig', uri: 'DataSource.S3DataSource.S3Uri', name: 'ChannelName', noun: 'channel', dataType: 'DataSource.S3DataSource.S3DataType' },
  { type: 'AWS::SageMaker::ProcessingJob', list: 'ProcessingInputs', uri: 'S3Input.S3Uri', name: 'InputName', noun: 'processing input', dataType: 'S3Input.S3DataType' },
];

const LIST_FILE_TYPES: ReadonlySet<string> = new Set(['ManifestFile', 'AugmentedManifestFile']);

/** The job's S3 data inputs; `unknown` when the input list itself is not known before the pipeline runs. */
export function s3Inputs(job: Resource): S3Input[] | { unknown: string; path: string } {
  const layout = INPUT_LAYOUTS.find((l) => l.type === job.type);
  if (!layout) return [];
  const list = job.properties[layout.list];
  if (list instanceof Unknown) return { unknown: list.reason, path: layout.list };
  if (!Array.isArray(list)) return [];
  const out: S3Input[] = [];
  list.forEach((item, i) => {
    const base = joinPath(layout.list, i);
    if (item instanceof Unknown) {
      out.push({ path: base, label: `${layout.noun} ${i}`, uri: { state: 'unknown', reason: item.reason }, refs: [] });
      return;
    }
    if (!isObject(item)) return;
    const name = asString(getPath(item, layout.name));
    if (name && CODE_INPUT_NAMES.has(name)) return;
    const raw = getPath(item, layout.uri);
    if (raw === undefined) return; // a file-system or dataset-definition input: no S3 prefix to approve
    const dataType = layout.dataType ? asString(getPath(item, layout.dataType)) : undefined;
    out.push({
      path: `${base}.${layout.uri}`,
      label: `${layout.noun} ${name ?? i}`,
      uri: readS3Uri(raw),
      ...(dataType && LIST_FILE_TYPES.has(dataType) ? { listFile: dataType } : {}),
      refs: [...referencedKeys(raw)],
    });
  });
  return out;
}

function readS3Uri(v: Value): S3UriReading {
  if (v instanceof Unknown) return { state: 'unknown', reason: v.reason };
  const text = asString(v);
  if (text === undefined) return { state: 'unknown', reason: `it is built from ${showValue(v)}, which is not known before deployment` };
  const m = /^s3:\/\/([^/]+)\/?(.*)$/s.exec(text);
  if (!m) return { state: 'unknown', reason: `"${text}" is not an s3:// URI` };
  return { state: 'known', uri: text, bucket: m[1]!, prefix: m[2]! };
}

/** An approved manifest as the scan link put it in the inventory. */
export interface ApprovedManifest {
  resource: Resource;
  file: string;
  uri: string;
  bucket: string;
  prefix: string;
  signature: 'intact' | 'unchecked' | 'unsigned';
  keyId?: string;
  signedAt?: string;
}

export function approvedManifests(inventory: Inventory): ApprovedManifest[] {
  return inventory.ofType(DATASET_MANIFEST_TYPE).flatMap((r) => {
    const p = r.properties;
    const [uri, bucket, prefix, signature] = [asString(p['Uri']), asString(p['Bucket']), asString(p['Prefix']), asString(p['SignatureStatus'])];
    if (uri === undefined || bucket === undefined || prefix === undefined) return [];
    const keyId = asString(p['KeyId']);
    const signedAt = asString(p['SignedAt']);
    return [
      {
        resource: r,
        file: r.location?.file ?? r.id,
        uri,
        bucket,
        prefix,
        signature: signature === 'intact' || signature === 'unchecked' ? signature : 'unsigned',
        ...(keyId ? { keyId } : {}),
        ...(signedAt ? { signedAt } : {}),
      },
    ];
  });
}

/** A manifest of `bucket/P` lists every object a channel of `bucket/C` reads exactly when C starts with P. */
export function covers(m: ApprovedManifest, bucket: string, prefix: string): boolean {
  return m.bucket === bucket && prefix.startsWith(m.prefix);
}

// ---------------------------------------------------------------- roles

/** A role as a job or policy names it: by inventory key (a reference) or by name (an ARN's last segment). */
export interface RoleIdentity {
  key?: string;
  name?: string;
  /** As written, for messages. */
  text: string;
}

export function roleIdentity(v: Value, inventory: Inventory): RoleIdentity | Unknown {
  if (v instanceof Unknown) return v;
  const role = [...referencedKeys(v)].map((k) => inventory.get(k)).find((r) => r?.type === 'AWS::IAM::Role');
  if (role) {
    const name = asString(role.properties['RoleName']);
    return { key: role.key, ...(name ? { name } : {}), text: role.id };
  }
  const text = asString(v);
  if (text === undefined) return new Unknown(`${showValue(v)} is not known before deployment`);
  const name = /:role\/(?:.*\/)?([^/]+)$/.exec(text)?.[1] ?? (text.includes(':') ? undefined : text);
  const byName = name ? inventory.ofType('AWS::IAM::Role').find((r) => asString(r.properties['RoleName']) === name) : undefined;
  return { ...(byName ? { key: byName.key } : {}), ...(name ? { name } : {}), text };
}

export function sameRole(a: RoleIdentity, b: RoleIdentity): boolean {
  return (a.key !== undefined && a.key === b.key) || (a.name !== undefined && a.name === b.name);
}

const siblingIndex = new WeakMap<Inventory, { size: number; byParent: Map<string, Resource[]> }>();

/** Steps of the same pipeline, indexed once per inventory. */
function siblings(job: Resource, inventory: Inventory): Resource[] {
  if (!job.parent) return [job];
  let index = siblingIndex.get(inventory);
  if (!index || index.size !== inventory.size) {
    const byParent = new Map<string, Resource[]>();
    for (const r of inventory.all()) if (r.parent) byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), r]);
    index = { size: inventory.size, byParent };
    siblingIndex.set(inventory, index);
  }
  return index.byParent.get(job.parent) ?? [job];
}

/**
 * The data pipeline's roles: the role the job runs as, and for a pipeline step the pipeline's own
 * role and the roles of its other steps (a processing step that prepares the data writes it).
 */
export function pipelineRoles(job: Resource, inventory: Inventory): { roles: RoleIdentity[]; unknown: string[] } {
  const holders = [...siblings(job, inventory)];
  const parent = job.parent ? inventory.get(job.parent) : undefined;
  if (parent) holders.push(parent);
  const roles: RoleIdentity[] = [];
  const unknown: string[] = [];
  for (const h of holders) {
    const v = h.properties['RoleArn'];
    if (v === undefined) continue;
    const id = roleIdentity(v, inventory);
    if (id instanceof Unknown) unknown.push(`${h.id}: RoleArn ${id.reason}`);
    else if (!roles.some((r) => sameRole(r, id))) roles.push(id);
  }
  return { roles, unknown };
}

/** The bucket resources a URI names: referenced in it, or defined with that BucketName. */
export function bucketsNamed(input: S3Input, bucket: string, inventory: Inventory): Resource[] {
  const byRef = input.refs.map((k) => inventory.get(k)).filter((r): r is Resource => r?.type === 'AWS::S3::Bucket');
  const byName = inventory.ofType('AWS::S3::Bucket').filter((b) => asString(b.properties['BucketName']) === bucket);
  return [...new Set([...byRef, ...byName])];
}
