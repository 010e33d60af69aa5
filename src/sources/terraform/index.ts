// The Terraform loader: HCL modules and `terraform show -json` plans → inventory resources in
// the CloudFormation vocabulary.
export { loadTerraformModule } from './load-module.js';
export { loadTerraformPlan, looksLikeTerraformPlan } from './plan/load-plan.js';
export { parseHcl, parseHclExpression } from './hcl/parser.js';
export type { HclFile, Body, Block, Attribute, Expression } from './hcl/ast.js';
export { MAPPINGS, mappingFor } from './mappings/index.js';
export type { ResourceMapping, AttributeSpec } from './mapping/types.js';
