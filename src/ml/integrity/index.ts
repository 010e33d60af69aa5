// Tamper-evident dataset manifests: build, sign, verify, and link approved manifests into scans.
export { buildManifest, type BuildOptions, type BuildResult } from './build-manifest.js';
export { canonicalBytes, canonicalJson, type Json } from './canonical-json.js';
export type { DataObject, DataSource, Listing, ObjectProblem } from './data-source.js';
export { MAX_OBJECTS } from './data-source.js';
export { digestObject, type Digest } from './digest.js';
export { kmsSigner, kmsVerifier, KMS_ALGORITHMS, type KmsAccess, type KmsAlgorithm } from './kms-key.js';
export { embeddedVerifier, fingerprint, generateSigningKey, localSigner, localVerifier, localVerifierFromFile } from './local-key.js';
export { LocalSource } from './local-source.js';
export {
  COLUMN_TYPES,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  MAX_MANIFEST_BYTES,
  parseManifest,
  serializeManifest,
  signedPayload,
  SIGNATURE_ALGORITHMS,
  TABULAR_FORMATS,
  totalsOf,
  type ColumnType,
  type Manifest,
  type ManifestObject,
  type ManifestSignature,
  type ManifestSource,
  type SignatureAlgorithm,
  type TabularColumn,
  type TabularFormat,
  type TabularSummary,
} from './manifest.js';
export { openSource, type SourceOptions } from './open-source.js';
export { parquetSummary } from './parquet-summary.js';
export { S3Source, s3ClientFor, type S3Access } from './s3-source.js';
export { isS3Uri, keyBase, parseS3Uri, type S3Location } from './s3-uri.js';
export { linkDatasetManifests, type LinkRequest, type Linked } from './scan-link.js';
export { checkSignature, signManifest, type ManifestSigner, type ManifestVerifier, type SignatureCheck } from './signature.js';
export { createTabularSink, tabularFormatOf, type TabularSink } from './tabular-summary.js';
export { verifyResultToScanResult, VERIFY_RULES } from './verify-findings.js';
export {
  compareWithSource,
  readManifest,
  verifyManifestFile,
  type ChangedObject,
  type FieldChange,
  type VerifyOptions,
  type VerifyResult,
} from './verify-manifest.js';
export { formatBytes, renderVerifyTable, signatureText, verdictLine } from './verify-report.js';
