import { describe, expect, it } from 'vitest';
import { ACCT, ADMIN, OTHER, allow, deny, doc, mlAdmin, notebookArn, pathTo, pathsFrom, role, roleArn, search, trusts, trustsArn, user, userArn } from './support.js';

const PASS_SAGEMAKER = { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } };

describe('escalations that must be found', () => {
  it('finds PassRole + CreateNotebookInstance when the permissions are split across two policies', () => {
    const world = { principals: [user('alice', [doc(allow('iam:PassRole')), doc(allow(['sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl']))]), mlAdmin()] };
    const p = pathTo(world, 'user/alice', 'role/ml-admin')!;
    expect(p).toBeDefined();
    expect(p.adminEquivalent).toBe(true);
    expect(p.steps).toHaveLength(1);
    const step = p.steps[0]!;
    expect(step.technique).toBe('sagemaker-notebook-passrole');
    expect(step.pathfinding).toEqual(['sagemaker-001']);
    expect(step.actions.map((a) => a.action)).toEqual(['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl', 'sts:AssumeRole']);
    expect(step.actions[0]).toMatchObject({ resource: roleArn('ml-admin'), context: { 'iam:PassedToService': 'sagemaker.amazonaws.com' }, grant: 'always' });
    expect(step.actions[3]).toMatchObject({ principal: 'sagemaker.amazonaws.com' });
    expect(p.evidence).toBe('role/ml-admin is allowed * on *; user/alice is not');
  });

  it('finds permissions split between a user and its group', () => {
    const world = {
      principals: [user('alice', [doc(allow('sagemaker:CreateTrainingJob'))], { groups: ['ml-team'] }), mlAdmin()],
      groups: [{ arn: `arn:aws:iam::${ACCT}:group/ml-team`, policies: [doc(allow('iam:PassRole', roleArn('ml-*')))] }],
    };
    expect(pathTo(world, 'user/alice', 'role/ml-admin')?.steps[0]!.technique).toBe('sagemaker-training-job-passrole');
  });

  it('finds an exploitable resource constraint: the attacker names the new job to fit the pattern', () => {
    const world = {
      principals: [
        user('alice', [doc(allow('iam:PassRole', `arn:aws:iam::*:role/ml-*`), allow('sagemaker:CreateTrainingJob', 'arn:aws:sagemaker:*:*:training-job/team-a-*'))]),
        mlAdmin(),
      ],
    };
    const step = pathTo(world, 'user/alice', 'role/ml-admin')!.steps[0]!;
    expect(step.actions.find((a) => a.action === 'sagemaker:CreateTrainingJob')!.resource).toBe(`arn:aws:sagemaker:eu-west-1:${ACCT}:training-job/team-a-ringfence-probe`);
  });

  it('finds an exploitable condition: the attacker sends the tags and settings the policy asks for', () => {
    const world = {
      principals: [
        user('alice', [
          doc(
            allow('iam:PassRole', '*', PASS_SAGEMAKER),
            allow('sagemaker:CreateProcessingJob', '*', { StringEquals: { 'aws:RequestTag/team': 'data-science' }, Bool: { 'sagemaker:NetworkIsolation': 'true' } }),
          ),
        ]),
        mlAdmin(),
      ],
    };
    const step = pathTo(world, 'user/alice', 'role/ml-admin')!.steps[0]!;
    expect(step.technique).toBe('sagemaker-processing-job-passrole');
    const create = step.actions.find((a) => a.action === 'sagemaker:CreateProcessingJob')!;
    expect(create.grant).toBe('attacker');
    expect(create.conditions).toContain('aws:RequestTag/team StringEquals data-science');
    expect(pathTo(world, 'user/alice', 'role/ml-admin')!.conditional).toBe(false);
  });

  it('finds escalation through NotAction', () => {
    const world = { principals: [user('alice', [doc({ Effect: 'Allow', NotAction: ['s3:*', 'ec2:*'], Resource: '*' })]), mlAdmin()] };
    const p = pathTo(world, 'user/alice', 'role/ml-admin')!;
    expect(p.adminEquivalent).toBe(true);
    expect(p.evidence).toContain('role/ml-admin is allowed * on *');
  });

  it('finds a presigned URL to an existing notebook whose role is stronger, with a resource-tag condition the notebook meets', () => {
    const world = {
      principals: [user('carol', [doc(allow('sagemaker:CreatePresignedNotebookInstanceUrl', '*', { StringEquals: { 'aws:ResourceTag/team': 'platform' } }))]), mlAdmin()],
      resources: [{ type: 'AWS::SageMaker::NotebookInstance', arn: notebookArn('platform-nb'), roleArn: roleArn('ml-admin'), tags: { team: 'platform' } }],
    };
    const p = pathTo(world, 'user/carol', 'role/ml-admin')!;
    expect(p.steps[0]).toMatchObject({ technique: 'sagemaker-notebook-presigned-url', pathfinding: ['sagemaker-004'] });
    expect(p.steps[0]!.actions[0]!.resource).toBe(notebookArn('platform-nb'));
  });

  it('finds the lifecycle-configuration hijack of an existing notebook', () => {
    const world = {
      principals: [
        user('mallory', [doc(allow('sagemaker:CreateNotebookInstanceLifecycleConfig'), allow(['sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'], notebookArn('*')))]),
        mlAdmin(),
      ],
      resources: [{ type: 'AWS::SageMaker::NotebookInstance', arn: notebookArn('platform-nb'), roleArn: roleArn('ml-admin') }],
    };
    const step = pathTo(world, 'user/mallory', 'role/ml-admin')!.steps[0]!;
    expect(step.technique).toBe('sagemaker-notebook-lifecycle-hijack');
    expect(step.actions.map((a) => a.action)).toEqual([
      'sagemaker:CreateNotebookInstanceLifecycleConfig',
      'sagemaker:StopNotebookInstance',
      'sagemaker:UpdateNotebookInstance',
      'sagemaker:StartNotebookInstance',
    ]);
    expect(step.via).toBe(notebookArn('platform-nb'));
  });

  it("finds the rewrite of the lifecycle configuration a notebook already uses", () => {
    const lcc = `arn:aws:sagemaker:eu-west-1:${ACCT}:notebook-instance-lifecycle-config/install-packages`;
    const world = {
      principals: [user('mallory', [doc(allow(['sagemaker:UpdateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:StartNotebookInstance']))]), mlAdmin()],
      resources: [{ type: 'AWS::SageMaker::NotebookInstance', arn: notebookArn('platform-nb'), roleArn: roleArn('ml-admin'), lifecycleConfigArn: lcc }],
    };
    const step = pathTo(world, 'user/mallory', 'role/ml-admin')!.steps[0]!;
    expect(step.technique).toBe('sagemaker-notebook-lifecycle-rewrite');
    expect(step.actions[0]!.resource).toBe(lcc);
  });

  describe('SageMaker Studio', () => {
    const domain = { type: 'AWS::SageMaker::Domain', arn: `arn:aws:sagemaker:eu-west-1:${ACCT}:domain/d-abc123`, roleArn: roleArn('studio-default') };
    const profile = (name: string, roleName?: string) => ({ type: 'AWS::SageMaker::UserProfile', arn: `arn:aws:sagemaker:eu-west-1:${ACCT}:user-profile/d-abc123/${name}`, ...(roleName ? { roleArn: roleArn(roleName) } : {}) });
    const studioDefault = role('studio-default', trusts('sagemaker.amazonaws.com'), [doc(allow('sagemaker:Describe*'))]);

    it('finds CreatePresignedDomainUrl on a profile whose execution role is stronger', () => {
      const world = { principals: [user('frank', [doc(allow('sagemaker:CreatePresignedDomainUrl', `arn:aws:sagemaker:eu-west-1:${ACCT}:user-profile/d-abc123/*`))]), mlAdmin(), studioDefault], resources: [domain, profile('frank'), profile('gina', 'ml-admin')] };
      const p = pathTo(world, 'user/frank', 'role/ml-admin')!;
      expect(p.steps[0]!.technique).toBe('sagemaker-studio-presigned-domain-url');
      expect(p.steps[0]!.via).toBe(profile('gina').arn);
      // frank's own profile runs as the domain's default role: a path too, to a role that can do what frank cannot.
      expect(pathTo(world, 'user/frank', 'role/studio-default')?.steps[0]!.via).toBe(profile('frank').arn);
    });

    it('finds CreateUserProfile with a stronger execution role', () => {
      const world = { principals: [user('frank', [doc(allow('iam:PassRole', '*', PASS_SAGEMAKER), allow(['sagemaker:CreateUserProfile', 'sagemaker:CreatePresignedDomainUrl']))]), mlAdmin()], resources: [domain] };
      const step = pathTo(world, 'user/frank', 'role/ml-admin')!.steps[0]!;
      expect(step.technique).toBe('sagemaker-studio-create-user-profile');
      expect(step.actions.find((a) => a.action === 'sagemaker:CreateUserProfile')!.resource).toBe(`arn:aws:sagemaker:eu-west-1:${ACCT}:user-profile/d-abc123/ringfence-probe`);
    });

    it('finds UpdateUserProfile setting a stronger execution role on an existing profile', () => {
      const world = { principals: [user('frank', [doc(allow('iam:PassRole', roleArn('ml-admin')), allow(['sagemaker:UpdateUserProfile', 'sagemaker:CreatePresignedDomainUrl'], profile('frank').arn))]), mlAdmin()], resources: [domain, profile('frank')] };
      expect(pathTo(world, 'user/frank', 'role/ml-admin')!.steps[0]!.technique).toBe('sagemaker-studio-update-user-profile');
    });

    it("finds UpdateDomain setting a stronger default role for a profile that uses it", () => {
      const world = {
        principals: [user('frank', [doc(allow('iam:PassRole', roleArn('ml-admin')), allow('sagemaker:UpdateDomain', domain.arn), allow('sagemaker:CreatePresignedDomainUrl', profile('frank').arn))]), mlAdmin(), studioDefault],
        resources: [domain, profile('frank'), profile('gina', 'studio-default')],
      };
      const step = pathTo(world, 'user/frank', 'role/ml-admin')!.steps[0]!;
      expect(step.technique).toBe('sagemaker-studio-update-domain');
      expect(step.actions.map((a) => a.resource)).toContain(profile('frank').arn);
    });
  });

  it('finds a multi-hop path: assume a role, then pass the admin role to a training job', () => {
    const world = {
      principals: [
        user('bob', [doc(allow('sts:AssumeRole', roleArn('deployer')))]),
        role('deployer', trustsArn(userArn('bob')), [doc(allow(['iam:PassRole', 'sagemaker:CreateTrainingJob']))]),
        mlAdmin(),
      ],
    };
    const p = pathTo(world, 'user/bob', 'role/ml-admin')!;
    expect(p.steps.map((s) => [s.from, s.technique, s.to])).toEqual([
      ['user/bob', 'sts-assume-role', 'role/deployer'],
      ['role/deployer', 'sagemaker-training-job-passrole', 'role/ml-admin'],
    ]);
  });

  describe('IAM paths', () => {
    it('finds CreatePolicyVersion on a managed policy of its own (self-escalation)', () => {
      const policyArn = `arn:aws:iam::${ACCT}:policy/DaveTools`;
      const world = { principals: [user('dave', [{ name: 'DaveTools', arn: policyArn, policy: doc(allow('iam:CreatePolicyVersion', policyArn)) }])] };
      const p = pathsFrom(world, 'user/dave')[0]!;
      expect(p).toMatchObject({ target: { label: 'user/dave (with AdministratorAccess)', change: 'with AdministratorAccess' }, adminEquivalent: true });
      expect(p.steps[0]).toMatchObject({ technique: 'iam-create-policy-version', pathfinding: ['iam-001'], via: policyArn });
    });

    it('does not count AWS-managed policies as changeable', () => {
      const world = { principals: [user('dave', [{ name: 'ReadOnly', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', policy: doc(allow(['iam:CreatePolicyVersion', 'iam:Get*'])) }])] };
      expect(pathsFrom(world, 'user/dave')).toEqual([]);
    });

    it('finds AttachUserPolicy on itself, with iam:PolicyARN naming AdministratorAccess', () => {
      const world = { principals: [user('erin', [doc(allow('iam:AttachUserPolicy', userArn('erin'), { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' } }))])] };
      const step = pathsFrom(world, 'user/erin')[0]!.steps[0]!;
      expect(step).toMatchObject({ technique: 'iam-attach-user-policy', pathfinding: ['iam-008'] });
      expect(step.actions[0]!.context).toEqual({ 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' });
    });

    it('does not find AttachUserPolicy when iam:PolicyARN allows only a read-only policy', () => {
      const world = { principals: [user('erin', [doc(allow('iam:AttachUserPolicy', userArn('erin'), { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }))])] };
      expect(pathsFrom(world, 'user/erin')).toEqual([]);
    });

    it('finds PutRolePolicy on a role it can assume (pathfinding iam-017 as two techniques)', () => {
      const world = {
        principals: [user('ivan', [doc(allow(['iam:PutRolePolicy', 'sts:AssumeRole'], roleArn('ops')))]), role('ops', trustsArn(userArn('ivan')), [doc(allow('cloudwatch:GetMetricData'))])],
      };
      const admin = pathsFrom(world, 'user/ivan').find((p) => p.adminEquivalent)!;
      expect(admin.steps.map((s) => s.technique)).toEqual(['iam-put-role-policy', 'sts-assume-role']);
      expect(admin.steps[0]!.alsoNeeds).toEqual({ principal: 'role/ops', steps: 1 });
      expect(admin.target.label).toBe('role/ops (with AdministratorAccess)');
    });

    it('finds CreateAccessKey for a stronger user', () => {
      const world = { principals: [user('judy', [doc(allow('iam:CreateAccessKey', userArn('*')))]), user('root-ops', [ADMIN])] };
      expect(pathTo(world, 'user/judy', 'user/root-ops')!.steps[0]).toMatchObject({ technique: 'iam-create-access-key', pathfinding: ['iam-002'] });
    });

    it('finds UpdateAssumeRolePolicy on a stronger role', () => {
      const world = { principals: [user('ken', [doc(allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], roleArn('ml-admin')))]), mlAdmin()] };
      const step = pathTo(world, 'user/ken', 'role/ml-admin')!.steps[0]!;
      expect(step.technique).toBe('iam-update-assume-role-policy');
      expect(step.actions.map((a) => a.action)).toEqual(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole']);
    });

    it('finds AddUserToGroup into a stronger group', () => {
      const world = {
        principals: [user('leo', [doc(allow('iam:AddUserToGroup', `arn:aws:iam::${ACCT}:group/admins`))])],
        groups: [{ arn: `arn:aws:iam::${ACCT}:group/admins`, policies: [ADMIN] }],
      };
      const p = pathsFrom(world, 'user/leo')[0]!;
      expect(p.target.label).toBe('user/leo (in group admins)');
      expect(p.adminEquivalent).toBe(true);
    });

    it('finds SetDefaultPolicyVersion to a stored broader version', () => {
      const policyArn = `arn:aws:iam::${ACCT}:policy/Ops`;
      const world = { principals: [user('mia', [{ name: 'Ops', arn: policyArn, policy: doc(allow('iam:SetDefaultPolicyVersion', policyArn)), otherVersions: [ADMIN] }])] };
      const p = pathsFrom(world, 'user/mia')[0]!;
      expect(p.steps[0]!.technique).toBe('iam-set-default-policy-version');
      expect(p.adminEquivalent).toBe(true);
    });
  });

  it('finds PassRole to Lambda (CreateFunction + InvokeFunction) and code replacement of an existing function', () => {
    const lambdaAdmin = role('fn-admin', trusts('lambda.amazonaws.com'), [ADMIN]);
    const create = { principals: [user('nick', [doc(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']))]), lambdaAdmin] };
    expect(pathTo(create, 'user/nick', 'role/fn-admin')!.steps[0]!.pathfinding).toEqual(['lambda-001']);
    const update = {
      principals: [user('nick', [doc(allow('lambda:UpdateFunctionCode'))]), lambdaAdmin],
      resources: [{ type: 'AWS::Lambda::Function', arn: `arn:aws:lambda:eu-west-1:${ACCT}:function:nightly`, roleArn: roleArn('fn-admin') }],
    };
    expect(pathTo(update, 'user/nick', 'role/fn-admin')!.steps[0]!.technique).toBe('lambda-update-function-code');
  });

  it('reports a grant that depends on the environment as conditional, with the condition', () => {
    const world = { principals: [user('olga', [doc(allow(['iam:PassRole', 'sagemaker:CreateTrainingJob'], '*', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }))]), mlAdmin()] };
    const p = pathTo(world, 'user/olga', 'role/ml-admin')!;
    expect(p.conditional).toBe(true);
    expect(p.steps[0]!.actions[0]).toMatchObject({ grant: 'conditional' });
    expect(p.steps[0]!.actions[0]!.conditions).toContain('aws:SourceIp IpAddress 10.0.0.0/8');
  });
});

describe('non-escalations that must not be flagged', () => {
  const passAndCreate = allow(['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob']);

  it('an allow and a deny in one policy', () => {
    const world = { principals: [user('alice', [doc(passAndCreate, deny('iam:PassRole', roleArn('ml-admin')))]), mlAdmin()] };
    expect(pathTo(world, 'user/alice', 'role/ml-admin')).toBeUndefined();
  });

  it('an allow and a deny across policies', () => {
    const world = { principals: [user('alice', [doc(passAndCreate), doc(deny('sagemaker:Create*'))]), mlAdmin()] };
    expect(pathsFrom(world, 'user/alice')).toEqual([]);
  });

  it('an explicit deny in a service control policy', () => {
    const world = {
      principals: [user('alice', [doc(passAndCreate)]), mlAdmin()],
      serviceControlPolicies: [{ orgIdentifier: 'r-root', policies: [doc(allow('*'), deny('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } }))] }],
    };
    expect(pathTo(world, 'user/alice', 'role/ml-admin')).toBeUndefined();
  });

  it('a permissions boundary that does not allow the actions', () => {
    const world = { principals: [user('alice', [doc(passAndCreate)], { permissionsBoundary: doc(allow(['s3:*', 'sagemaker:*'])) }), mlAdmin()] };
    expect(pathTo(world, 'user/alice', 'role/ml-admin')).toBeUndefined();
  });

  it('a non-exploitable resource constraint: PassRole only on weak roles', () => {
    const world = {
      principals: [
        user('alice', [doc(allow('iam:PassRole', roleArn('ml-readonly-*')), allow(['sagemaker:CreateNotebookInstance', 'sagemaker:Describe*']))]),
        role('ml-readonly-viewer', trusts('sagemaker.amazonaws.com'), [doc(allow('sagemaker:Describe*'))]),
        mlAdmin(),
      ],
    };
    // The only role alice can pass has nothing she lacks: no path at all.
    expect(pathsFrom(world, 'user/alice')).toEqual([]);
  });

  it('a non-exploitable resource constraint on an existing notebook', () => {
    const world = {
      principals: [user('carol', [doc(allow('sagemaker:CreatePresignedNotebookInstanceUrl', notebookArn('carol-*')))]), mlAdmin()],
      resources: [{ type: 'AWS::SageMaker::NotebookInstance', arn: notebookArn('platform-nb'), roleArn: roleArn('ml-admin') }],
    };
    expect(pathsFrom(world, 'user/carol')).toEqual([]);
  });

  it('a non-exploitable condition: the role may be passed to Lambda only', () => {
    const world = { principals: [user('alice', [doc(allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }), allow('sagemaker:CreateTrainingJob'))]), mlAdmin()] };
    expect(pathsFrom(world, 'user/alice')).toEqual([]);
  });

  it('a non-exploitable condition: a principal tag the caller does not have', () => {
    const world = {
      principals: [user('alice', [doc(allow(['iam:PassRole', 'sagemaker:CreateTrainingJob'], '*', { StringEquals: { 'aws:PrincipalTag/team': 'platform' } }))], { tags: { team: 'research' } }), mlAdmin()],
    };
    expect(pathsFrom(world, 'user/alice')).toEqual([]);
  });

  it('a non-exploitable condition: a resource tag the notebook does not have', () => {
    const world = {
      principals: [user('carol', [doc(allow('sagemaker:CreatePresignedNotebookInstanceUrl', '*', { StringEquals: { 'aws:ResourceTag/team': 'platform' } }))]), mlAdmin()],
      resources: [{ type: 'AWS::SageMaker::NotebookInstance', arn: notebookArn('research-nb'), roleArn: roleArn('ml-admin'), tags: { team: 'research' } }],
    };
    expect(pathsFrom(world, 'user/carol')).toEqual([]);
  });

  it('a role whose trust policy does not let SageMaker assume it', () => {
    const world = { principals: [user('alice', [doc(passAndCreate)]), role('ml-admin', trusts('lambda.amazonaws.com'), [ADMIN])] };
    expect(pathsFrom(world, 'user/alice')).toEqual([]);
  });

  it('a role of another account (a role cannot be passed across accounts)', () => {
    const world = { principals: [user('alice', [doc(passAndCreate)]), { arn: roleArn('ml-admin', OTHER), trustPolicy: trusts('sagemaker.amazonaws.com'), policies: [ADMIN] }] };
    expect(pathsFrom(world, 'user/alice')).toEqual([]);
  });

  it('a lifecycle hijack missing one of its actions', () => {
    const world = {
      principals: [user('mallory', [doc(allow(['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance']))]), mlAdmin()],
      resources: [{ type: 'AWS::SageMaker::NotebookInstance', arn: notebookArn('platform-nb'), roleArn: roleArn('ml-admin') }],
    };
    expect(pathsFrom(world, 'user/mallory')).toEqual([]);
  });

  it('nothing from a principal that is already admin-equivalent', () => {
    const world = { principals: [user('root-ops', [ADMIN]), mlAdmin()] };
    expect(search(world).paths.filter((p) => p.source.label === 'user/root-ops')).toEqual([]);
  });
});

describe('search', () => {
  it('starts from the named principals only, and names those it does not know', () => {
    const world = { principals: [user('alice', [doc(allow(['iam:PassRole', 'sagemaker:CreateTrainingJob']))]), user('bob', [doc(allow(['iam:PassRole', 'sagemaker:CreateTrainingJob']))]), mlAdmin()] };
    const report = search(world, { from: ['alice', 'nobody'] });
    expect(report.sources).toBe(1);
    expect(new Set(report.paths.map((p) => p.source.label))).toEqual(new Set(['user/alice']));
    expect(report.unknownSources).toEqual(['nobody']);
  });

  it('stops at the hop limit', () => {
    const world = {
      principals: [
        user('bob', [doc(allow('sts:AssumeRole', roleArn('deployer')))]),
        role('deployer', trustsArn(userArn('bob')), [doc(allow(['iam:PassRole', 'sagemaker:CreateTrainingJob']))]),
        mlAdmin(),
      ],
    };
    expect(search(world, { from: ['bob'], maxHops: 1 }).paths.map((p) => p.target.label)).toEqual(['role/deployer']);
  });

  it('does not report paths that continue past an admin-equivalent principal', () => {
    const world = { principals: [user('alice', [doc(allow(['iam:PassRole', 'sagemaker:CreateNotebookInstance']))]), mlAdmin(), role('other', trusts('ec2.amazonaws.com'), [doc(allow('s3:*'))])] };
    const targets = pathsFrom(world, 'user/alice').map((p) => p.target.label);
    expect(targets).toEqual(['role/ml-admin']);
  });

  it('keeps the evaluations bounded on a larger world', () => {
    const principals = [mlAdmin()];
    for (let i = 0; i < 40; i++) principals.push(user(`u${i}`, [doc(allow('sagemaker:Describe*'), allow('iam:PassRole', roleArn(`r${i}`)))]), role(`r${i}`, trusts('sagemaker.amazonaws.com'), [doc(allow('s3:GetObject', `arn:aws:s3:::bucket-${i}/*`))]));
    const report = search({ principals });
    expect(report.paths).toEqual([]);
    expect(report.sources).toBe(81);
    expect(report.evaluations).toBeLessThan(200_000);
  });
});
