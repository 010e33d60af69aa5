import { absent, all, eq, oneOf } from '../predicate.js';
import { statelessDetection } from '../stateless.js';

export const detection = statelessDetection(
  {
    id: 'console-login-without-mfa',
    title: 'Console sign-in without MFA',
    ring: 'identity',
    severity: 'high',
    resourceTypes: [],
    rationale:
      'A password alone opens the console, and from there every notebook, training bucket and endpoint the user may touch. An IAM ' +
      'user or the root user signing in without MFA means one phished or reused password is enough. SAML and IAM Identity Center ' +
      'sign-ins are left out: their MFA happens at the identity provider, which CloudTrail does not see.',
    remediation:
      'Require MFA for the user (assign a device; deny everything but MFA setup without aws:MultiFactorAuthPresent), or move people ' +
      'to IAM Identity Center; confirm with the user that this sign-in was theirs. Alarm on the CIS metric filter for console ' +
      'sign-in without MFA.',
    references: {
      attack: ['T1078.004'],
      atlas: ['AML.T0012'],
      cis: ['CIS AWS Foundations v1.4.0 4.2', 'CIS AWS Foundations v1.4.0 1.10'],
      securityHub: ['IAM.5', 'CloudWatch.2'],
      nist80053: ['IA-2(1)', 'IA-2(2)'],
      docs: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html'],
    },
  },
  [
    {
      eventSource: 'signin.amazonaws.com',
      eventNames: ['ConsoleLogin'],
      when: all(
        eq('responseElements.ConsoleLogin', 'Success'),
        eq('additionalEventData.MFAUsed', 'No'),
        oneOf('userIdentity.type', 'IAMUser', 'Root'),
        absent('additionalEventData.SamlProviderArn'),
      ),
      action: 'signed in to the console without MFA',
      property: 'additionalEventData.MFAUsed',
    },
  ],
);
