/** `s3://bucket/prefix`, as SageMaker channels and the CLI write S3 locations. */
export interface S3Location {
  bucket: string;
  /** Key prefix, possibly empty. SageMaker's S3Prefix channels read every key that starts with it. */
  prefix: string;
  uri: string;
}

export const isS3Uri = (text: string): boolean => /^s3:\/\//i.test(text);

// Bucket names: 3-63 characters of lowercase letters, digits, dots and hyphens (older buckets in
// us-east-1 may also have uppercase letters and underscores, which S3 still serves).
const BUCKET = /^[A-Za-z0-9._-]{1,255}$/;

/** Parses an S3 URI; undefined when the text is not one. */
export function parseS3Uri(text: string): S3Location | undefined {
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/is.exec(text);
  if (!m || !BUCKET.test(m[1]!)) return undefined;
  return { bucket: m[1]!, prefix: m[2] ?? '', uri: text };
}

/**
 * The part of the prefix that keys are made relative to: up to its last '/'. For `train/` keys
 * drop `train/`; for `train` (which also matches `train2/…`) they keep it, so no two objects
 * under the prefix can end up with the same relative key.
 */
export function keyBase(prefix: string): string {
  return prefix.slice(0, prefix.lastIndexOf('/') + 1);
}
