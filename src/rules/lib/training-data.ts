import type { Inventory } from '../../core/inventory.js';
import type { Resource } from '../../core/resource.js';
import { asString, getPath, isObject, joinPath, parsePath, type Value } from '../../core/value.js';
import { executionRoles, rolePolicyDocuments } from './execution-roles.js';
import { bucketNameIn, s3ReadTargets, type BucketIdentity } from './iam-match.js';
import { parseDocument, statements } from './policy-document.js';

/**
 * Which S3 buckets SageMaker reads: buckets named by a SageMaker resource's inputs (training
 * channels, ModelDataUrl, processing inputs, pipeline steps synthesized as jobs), and buckets an
 * execution role's policies let it read objects from.
 */

/** Property names under which SageMaker resources name where they write, not read. */
export const WRITE_ONLY_PROPERTIES: readonly RegExp[] = [/Output/, /^DataCaptureConfig$/, /^SharingSettings$/, /^DebugHookConfig$/];

export interface ReadEvidence {
  /** The resource that reads (a SageMaker resource) or may read (an execution role, a policy). */
  by: Resource;
  path: string;
}

export function bucketIdentity(bucket: Resource): BucketIdentity {
  const name = asString(bucket.properties['BucketName']);
  return name ? { key: bucket.key, name } : { key: bucket.key };
}

const isWritePath = (path: string): boolean =>
  parsePath(path).some((s) => typeof s === 'string' && WRITE_ONLY_PROPERTIES.some((re) => re.test(s)));

/** Who reads the bucket on SageMaker's behalf; empty when nothing does. */
export function trainingDataReaders(bucket: Resource, inventory: Inventory): ReadEvidence[] {
  const id = bucketIdentity(bucket);
  const index = readIndex(inventory);
  const out: ReadEvidence[] = [];
  for (const edge of inventory.edgesTo(bucket)) {
    const from = inventory.get(edge.from);
    if (from?.type.startsWith('AWS::SageMaker::') && !isWritePath(edge.path)) out.push({ by: from, path: edge.path });
  }
  if (id.name) out.push(...(index.byName.get(id.name) ?? []));
  out.push(...(index.byKey.get(bucket.key) ?? []));
  return dedupe(out);
}

interface ReadIndex {
  /** Evidence by the bucket name it names in text (S3 URIs, ARNs). */
  byName: Map<string, ReadEvidence[]>;
  /** Evidence by the inventory key of the bucket a policy statement references. */
  byKey: Map<string, ReadEvidence[]>;
}

/**
 * Built once per inventory: walking every SageMaker resource and every execution role's policies
 * once per bucket made a scan quadratic (buckets × resources).
 */
const indexes = new WeakMap<Inventory, ReadIndex & { size: number }>();

function readIndex(inventory: Inventory): ReadIndex {
  const cached = indexes.get(inventory);
  if (cached && cached.size === inventory.size) return cached;
  const index: ReadIndex = { byName: new Map(), byKey: new Map() };
  const add = (map: Map<string, ReadEvidence[]>, k: string, e: ReadEvidence) => {
    const list = map.get(k);
    if (list) list.push(e);
    else map.set(k, [e]);
  };
  for (const r of inventory.all()) {
    if (!r.type.startsWith('AWS::SageMaker::')) continue;
    for (const { path, name } of namedBuckets(r.properties, '')) if (!isWritePath(path)) add(index.byName, name, { by: r, path });
  }
  for (const role of executionRoles(inventory)) {
    for (const src of rolePolicyDocuments(role, inventory)) {
      const doc = parseDocument(getPath(src.owner.properties, src.path));
      if (doc.state !== 'parsed') continue;
      const sts = statements(doc.document, src.path);
      if (!Array.isArray(sts)) continue;
      for (const { path, statement } of sts) {
        const t = s3ReadTargets(statement);
        const e = { by: src.owner, path: joinPath(path, 'Resource') };
        for (const k of t.keys) add(index.byKey, k, e);
        for (const n of t.names) add(index.byName, n, e);
      }
    }
  }
  indexes.set(inventory, { ...index, size: inventory.size });
  return index;
}

/** Property paths whose concrete text is an S3 URI or ARN, with the bucket each names. */
function namedBuckets(v: Value | undefined, path: string): { path: string; name: string }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => namedBuckets(x, joinPath(path, i)));
  if (isObject(v)) return Object.entries(v).flatMap(([k, x]) => namedBuckets(x, joinPath(path, k)));
  const t = asString(v);
  const name = t === undefined ? undefined : bucketNameIn(t);
  return name ? [{ path, name }] : [];
}

function dedupe(list: ReadEvidence[]): ReadEvidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.by.key}|${e.path}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
