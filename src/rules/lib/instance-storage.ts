/**
 * SageMaker ML instance families whose instances come with local NVMe instance storage. On these,
 * CreateEndpointConfig rejects a KmsKeyId: "Certain Nitro-based instances include local storage
 * ... Local storage volumes are encrypted using a hardware module on the instance. You can't
 * request a KmsKeyId when using an instance type with local storage."
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-KmsKeyId)
 * That note points at the EC2 list of instance store volumes; the families below are the ones
 * SageMaker offers whose EC2 counterparts list NVMe SSD instance store
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-store-volumes.html). The SageMaker
 * training guide names ml.p4d, ml.g4dn and ml.g5 as examples
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/model-train-storage-tips-considerations.html).
 * Inferentia 2 (inf2) and inf1 are EBS-only and are deliberately absent.
 */
export const LOCAL_NVME_FAMILIES: ReadonlySet<string> = new Set([
  'ml.c5d',
  'ml.m5d',
  'ml.r5d',
  'ml.c6id',
  'ml.m6id',
  'ml.r6id',
  'ml.c6gd',
  'ml.m6gd',
  'ml.r6gd',
  'ml.g4dn',
  'ml.g5',
  'ml.g6',
  'ml.g6e',
  'ml.p3dn',
  'ml.p4d',
  'ml.p4de',
  'ml.p5',
  'ml.p5e',
  'ml.p5en',
  'ml.trn1',
  'ml.trn1n',
]);

/** `ml.g5` for `ml.g5.2xlarge`. */
export function instanceFamily(instanceType: string): string {
  const parts = instanceType.split('.');
  return parts.length >= 3 ? parts.slice(0, -1).join('.') : instanceType;
}

export function hasLocalNvme(instanceType: string): boolean {
  return LOCAL_NVME_FAMILIES.has(instanceFamily(instanceType.toLowerCase()));
}
