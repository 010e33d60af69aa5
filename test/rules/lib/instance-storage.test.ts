import { describe, expect, it } from 'vitest';
import { hasLocalNvme, instanceFamily } from '../../../src/rules/lib/instance-storage.js';

describe('instance-storage', () => {
  it('knows the families with local NVMe storage', () => {
    for (const t of ['ml.g5.xlarge', 'ml.p4d.24xlarge', 'ml.m5d.large', 'ml.g4dn.2xlarge', 'ml.p5.48xlarge', 'ml.trn1.32xlarge', 'ML.C5D.XLARGE']) expect(hasLocalNvme(t), t).toBe(true);
  });
  it('and the EBS-only ones', () => {
    for (const t of ['ml.m5.large', 'ml.c5.xlarge', 'ml.inf2.xlarge', 'ml.inf1.xlarge', 'ml.t2.medium', 'ml.p3.2xlarge']) expect(hasLocalNvme(t), t).toBe(false);
  });
  it('takes the family from the type', () => {
    expect(instanceFamily('ml.p4de.24xlarge')).toBe('ml.p4de');
  });
});
