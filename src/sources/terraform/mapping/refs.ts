import { mappingFor } from '../mappings/index.js';

// Which CloudFormation attribute a Terraform reference such as `aws_iam_role.exec.arn` stands
// for: `arn` → GetAtt Arn; `id`, `name` and the physical-name attribute → a plain Ref; other
// attributes → their PascalCase name, unless the mapping table says otherwise.

export function cfnAttributeFor(tfType: string, tfAttribute: string): string | undefined {
  const mapping = mappingFor(tfType);
  const override = mapping?.refAttributes?.[tfAttribute];
  if (override !== undefined) return override ?? undefined;
  if (tfAttribute === 'id' || tfAttribute === 'name' || tfAttribute === mapping?.idAttribute) return undefined;
  if (tfAttribute === 'arn') return 'Arn';
  return tfAttribute.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
