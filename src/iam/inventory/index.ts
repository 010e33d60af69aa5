// The IAM view of an inventory: principals and their policies, resource and endpoint policies,
// and the questions asked of them (can, who-can), with unknown values bounded rather than guessed.
export { iamWorld, buildIamWorld, type IamWorld, type WorldPrincipal, type WorldPrincipalKind, type WorldEndpoint, type WorldOptions } from './world.js';
export { evaluateAccess, mostPermissive, DEFAULT_CONTEXT, STATUS_ORDER, type AccessQuestion, type AccessAnswer, type AccessStatus } from './access.js';
export { can, whoCan, locateStatements, principalAnswerJson, type PrincipalAnswer, type TargetAnswer, type EndpointAnswer, type DecidingStatement, type QuestionOptions } from './questions.js';
export { resolvePrincipal, resolveResource, checkAction, ResolveError, type ResolvedResource, type Target } from './resolve.js';
export { boundPolicy, exactPolicy, unknownPolicy, NO_ACTION, type BoundedPolicy, type PolicyOrigin, type Gap } from './bounded-policy.js';
export { SymbolTable, type Text } from './symbols.js';
export { AWS_MANAGED_POLICIES, awsManagedPolicy, awsManagedPolicyName, type AwsManagedPolicy } from './aws-managed-policies.js';
export { syncCatalog, type SyncCatalog, type SyncAction, type SyncResourceType } from './sync-catalog.js';
export { THIS_ACCOUNT, OTHER_ACCOUNT, THIS_REGION, displayText, type Placeholders } from './placeholders.js';
export { parseDocument, documentStatements, listOf, type ParsedDocument, type DocumentStatement } from './document-value.js';
export { policyDocuments, managedAttachments, boundaryAttachment, attachedPolicyResources, type DocumentSource, type ManagedAttachment } from './attachments.js';
export { loadIamWorld, type LoadWorldOptions, type LoadedWorld } from './load.js';
