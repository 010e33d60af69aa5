import { fail, pass, type CheckResult, type Rule } from '../../core/rule.js';

/** The escalation engine is large; it loads only when a scan runs this rule (see Rule.prepare). */
type Engine = typeof import('../../iam/escalation/from-inventory.js') &
  typeof import('../../iam/escalation/render.js') &
  typeof import('../../iam/escalation/search.js');
let engine: Engine | undefined;

export const rule: Rule = {
  id: 'iam-privilege-escalation',
  title: 'A principal can gain the permissions of a stronger one',
  ring: 'identity',
  severity: 'high',
  resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User'],
  // Strict until the insecure example stack has a principal that escalates (every default rule must fail there).
  profiles: ['strict'],
  rationale:
    'A principal that can pass a stronger role to a notebook, training or processing job, open a notebook or Studio profile that runs ' +
    'as one, rewrite a lifecycle script, assume a role, or change its own policies holds every permission it can reach, not only its ' +
    'own. Each step of the path is a request the policies allow, decided by the evaluator with boundaries, SCPs, conditions and denies.',
  remediation:
    'Break the first step of the path: restrict iam:PassRole to the roles the principal must pass and to one service ' +
    '(Condition iam:PassedToService), scope sagemaker:CreatePresignedNotebookInstanceUrl / CreatePresignedDomainUrl and the notebook ' +
    'lifecycle actions to the principal\'s own resources, remove IAM write actions (Attach/Put*Policy, CreatePolicyVersion, ' +
    'UpdateAssumeRolePolicy, CreateAccessKey) from roles that do not administer IAM, or add a permissions boundary. ' +
    '`ringfence iam escalations` shows every path step by step.',
  references: {
    nist80053: ['AC-6', 'AC-6(1)', 'AC-6(5)', 'AC-6(10)', 'AC-3'],
    atlas: ['AML.T0012', 'AML.M0005'],
    attack: ['T1098', 'T1078.004', 'T1548'],
    owaspMl: ['ML10:2023'],
    checkov: ['CKV_AWS_110'],
    prowler: ['iam_policy_allows_privilege_escalation'],
    docs: [
      'https://pathfinding.cloud',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      'https://docs.aws.amazon.com/sagemaker/latest/dg/security_iam_id-based-policy-examples.html',
    ],
  },
  async prepare() {
    const [inventory, render, search] = await Promise.all([
      import('../../iam/escalation/from-inventory.js'),
      import('../../iam/escalation/render.js'),
      import('../../iam/escalation/search.js'),
    ]);
    engine = { ...inventory, ...render, ...search };
  },
  checkInventory(inventory) {
    if (!engine) throw new Error('the escalation engine was not loaded (call rule.prepare() first)');
    const { worldFromInventory, findEscalations, pathSummary } = engine;
    const world = worldFromInventory(inventory);
    if (world.principals.length === 0) return [];
    const report = findEscalations(world);
    const results: CheckResult[] = report.paths.map((p) => {
      const r = fail(undefined, pathSummary(p));
      const key = p.sourceLocation?.key;
      const resource = key ? inventory.get(key) : undefined;
      return resource ? { ...r, resource } : r;
    });
    if (results.length) return results;
    return [pass(undefined, `no escalation path from any of ${report.sources} principal${report.sources === 1 ? '' : 's'} (${report.evaluations} requests evaluated)`)];
  },
};
