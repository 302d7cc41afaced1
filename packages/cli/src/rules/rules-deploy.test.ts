// crmkit rules deploy and pull without the real host: usage errors (nothing sent), the local lint
// that refuses before sending, and what is sent and printed, against a stub HTTP server that records
// every request and answers as the host's contract says (test/cli/crmkit-rules-host.test.ts runs the
// same commands against the real dev host).
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {captureIo, REPO_ROOT} from './capture-io.js';
import {rulesCommand} from './rules-command.js';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Reply = {status: number; type?: string; body: unknown};

let scratch: string;
let server: Server;
let url: string;
const requests: Recorded[] = [];
/** What the stub answers, by "METHOD path". */
let replies: Record<string, Reply> = {};
let savedToken: string | undefined;

const SHIPPED = readFileSync(join(REPO_ROOT, 'rules/lead-assignment.json'), 'utf8');

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'crmkit-rules-deploy-'));
  writeFileSync(join(scratch, 'good.json'), SHIPPED);
  writeFileSync(join(scratch, 'users.json'), readFileSync(join(REPO_ROOT, 'rules/users.json')));
  writeFileSync(join(scratch, 'bad.json'), SHIPPED.replace('"equal"', '"equals"'));
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({method: req.method!, url: req.url!, headers: req.headers, body});
      const reply = replies[`${req.method} ${req.url}`] ?? {
        status: 404,
        type: 'application/problem+json',
        body: {status: 404, title: 'Not found', code: 'not-found', detail: 'Nothing here.'},
      };
      res.writeHead(reply.status, {'content-type': reply.type ?? 'application/json'});
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, {recursive: true, force: true});
});
beforeEach(() => {
  requests.length = 0;
  replies = {
    'PUT /api/admin/assignment-rules': {status: 200, body: {ruleset: {}, warnings: []}},
    'GET /api/admin/assignment-rules/versions': {
      status: 200,
      body: [
        {version: 7, activatedAt: '2026-03-02T09:30:00.000Z', activatedBy: null, active: true},
        {version: 6, activatedAt: '2026-03-01T09:30:00.000Z', activatedBy: null, active: false},
      ],
    },
    'GET /api/admin/assignment-rules': {status: 200, body: JSON.parse(SHIPPED)},
    'GET /api/admin/assignment-rules/versions/6': {
      status: 200,
      body: {version: 6, active: false, ruleset: {recordType: 'lead', rules: []}},
    },
  };
  savedToken = process.env.CRMKIT_TOKEN;
  delete process.env.CRMKIT_TOKEN;
});
afterEach(() => {
  if (savedToken === undefined) delete process.env.CRMKIT_TOKEN;
  else process.env.CRMKIT_TOKEN = savedToken;
});

async function rules(...argv: string[]) {
  const io = captureIo({cwd: scratch});
  const code = await rulesCommand(argv, io);
  return {code, out: io.out, err: io.err};
}

describe('usage errors exit 2 and send nothing', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    [
      'deploy without a file',
      () => ['deploy', '--host', url, '--token', 't'],
      /give exactly one ruleset file to deploy/,
    ],
    [
      'deploy with two files',
      () => ['deploy', 'a.json', 'b.json', '--host', url],
      /give exactly one ruleset file/,
    ],
    [
      'no --host',
      () => ['deploy', 'good.json', '--token', 't'],
      /give the host CRM with --host <url>, e\.g\. --host http:\/\/127\.0\.0\.1:3000/,
    ],
    [
      '--host without a value',
      () => ['deploy', 'good.json', '--host'],
      /--host needs a value, e\.g\. --host http:\/\/127\.0\.0\.1:3000/,
    ],
    [
      '--host not a URL',
      () => ['pull', '--host', '127.0.0.1:3000', '--token', 't'],
      /--host must be an http or https URL such as http:\/\/127\.0\.0\.1:3000 \(got "127\.0\.0\.1:3000"\)/,
    ],
    [
      '--host with a query',
      () => ['pull', '--host', `${url}/?as=anna`, '--token', 't'],
      /without a query or #fragment/,
    ],
    [
      '--host with credentials',
      () => ['pull', '--host', 'http://anna:pw@127.0.0.1:1', '--token', 't'],
      /must not contain a user name or password/,
    ],
    [
      'no token',
      () => ['deploy', 'good.json', '--host', url],
      /no API token: set the environment variable CRMKIT_TOKEN .* or pass --token <token>; .*assignment\.manage/,
    ],
    ['an empty --token', () => ['pull', '--host', url, '--token', ''], /--token is empty/],
    [
      'a missing ruleset file',
      () => ['deploy', 'nope.json', '--host', url, '--token', 't'],
      /the ruleset .*nope\.json does not exist/,
    ],
    [
      'pull with a file',
      () => ['pull', 'out.json', '--host', url, '--token', 't'],
      /pull takes no file \(got "out\.json"\); write the ruleset to a file with --output out\.json/,
    ],
    [
      'pull --version 0',
      () => ['pull', '--host', url, '--token', 't', '--version', '0'],
      /--version must be a version number .*\(got "0"\), e\.g\. --version 3/,
    ],
    [
      'pull --version=-1',
      () => ['pull', '--host', url, '--token', 't', '--version=-1'],
      /--version must be a version number/,
    ],
    [
      'pull --version 1.5',
      () => ['pull', '--host', url, '--token', 't', '--version', '1.5'],
      /--version must be a version number/,
    ],
    [
      'pull --version abc',
      () => ['pull', '--host', url, '--token', 't', '--version', 'abc'],
      /--version must be a version number/,
    ],
    [
      'an unknown option',
      () => ['deploy', 'good.json', '--host', url, '--force'],
      /unknown option --force; the options are --host <url>, --token <token>, --users <file>, --json, --lang en\|de/,
    ],
  ];
  for (const [name, argv, message] of cases) {
    test(name, async () => {
      const r = await rules(...argv());
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
      assert.equal(r.out, '');
      assert.equal(requests.length, 0);
    });
  }

  test('in German', async () => {
    const r = await rules('deploy', 'good.json', '--host', url, '--lang', 'de');
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /^crmkit rules deploy: kein API-Token: setzen Sie die Umgebungsvariable CRMKIT_TOKEN/,
    );
  });
});

test('deploy lints first: with errors it prints them, sends nothing and exits 1', async () => {
  const r = await rules('deploy', 'bad.json', '--host', url, '--token', 'anna');
  assert.equal(r.code, 1);
  assert.match(r.err, /^bad\.json:\d+:\d+: error unknown-operator: Unknown operator "equals"\./m);
  assert.match(r.err, /^bad\.json: not deployed, \d+ errors?; nothing was sent to the host\.$/m);
  assert.equal(r.out, '');
  assert.equal(requests.length, 0);
  const json = await rules('deploy', 'bad.json', '--host', url, '--token', 'anna', '--json');
  assert.equal(json.code, 1);
  const failure = JSON.parse(json.out);
  assert.deepEqual([failure.ok, failure.step, failure.file], [false, 'lint', 'bad.json']);
  assert.ok(failure.findings.some((f: {code: string}) => f.code === 'unknown-operator'));
  assert.equal(requests.length, 0);
});

test('deploy sends the file as it is with the bearer token and the language, then prints the active version', async () => {
  process.env.CRMKIT_TOKEN = 'anna-from-env';
  const r = await rules('deploy', 'good.json', '--host', url, '--lang', 'de');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `good.json auf ${url} aktiviert: Version 7 ist aktiv.\n`);
  assert.equal(r.err, '');
  const [put, list] = requests;
  assert.equal(requests.length, 2);
  assert.deepEqual([put!.method, put!.url], ['PUT', '/api/admin/assignment-rules']);
  assert.equal(put!.body, SHIPPED);
  assert.equal(put!.headers.authorization, 'Bearer anna-from-env');
  assert.equal(put!.headers['content-type'], 'application/json');
  assert.equal(put!.headers['accept-language'], 'de');
  assert.deepEqual([list!.method, list!.url], ['GET', '/api/admin/assignment-rules/versions']);
  // --token wins over CRMKIT_TOKEN.
  requests.length = 0;
  await rules('deploy', 'good.json', '--host', url, '--token', 'anna');
  assert.equal(requests[0]!.headers.authorization, 'Bearer anna');
});

test('deploy prints the host’s warnings with their positions; a version list it cannot read is a note, exit 0', async () => {
  replies['PUT /api/admin/assignment-rules'] = {
    status: 200,
    body: {
      ruleset: {},
      warnings: [
        {
          field: '/rules/0/conditions',
          code: 'first-rule-misses-rejected',
          message: 'Careful.',
          line: 9,
          column: 7,
        },
      ],
    },
  };
  replies['GET /api/admin/assignment-rules/versions'] = {
    status: 200,
    type: 'text/html',
    body: '<html>',
  };
  const r = await rules('deploy', 'good.json', '--host', url, '--token', 'anna');
  assert.equal(r.code, 0);
  assert.equal(
    r.out,
    `Deployed good.json to ${url}; it is the active ruleset.\nThe host's linter found 1 warning:\n  good.json:9:7: warning first-rule-misses-rejected: Careful. (/rules/0/conditions)\n`,
  );
  assert.equal(
    r.err,
    "The host activated the ruleset, but its version number could not be read: the host answered 200 with text/html, not the crmkit REST API's JSON\n",
  );
});

test('pull writes the active ruleset (stdout, or --output with the version named) and version n', async () => {
  let r = await rules('pull', '--host', url, '--token', 'anna');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `${JSON.stringify(JSON.parse(SHIPPED), null, 2)}\n`);
  assert.deepEqual(
    requests.map((q) => `${q.method} ${q.url}`),
    ['GET /api/admin/assignment-rules'],
  );
  r = await rules('pull', '--host', url, '--token', 'anna', '--output', 'out.json');
  assert.equal(r.out, `Wrote the active ruleset (version 7) of ${url} to out.json.\n`);
  assert.deepEqual(
    JSON.parse(readFileSync(join(scratch, 'out.json'), 'utf8')),
    JSON.parse(SHIPPED),
  );
  r = await rules(
    'pull',
    '--host',
    `${url}/`,
    '--token',
    'anna',
    '--version',
    '6',
    '--lang',
    'de',
    '--output',
    'v6.json',
  );
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `Version 6 des Regelsatzes von ${url} nach v6.json geschrieben.\n`);
  assert.equal(
    readFileSync(join(scratch, 'v6.json'), 'utf8'),
    '{\n  "recordType": "lead",\n  "rules": []\n}\n',
  );
  assert.equal(requests.at(-1)!.url, '/api/admin/assignment-rules/versions/6');
  // A file that cannot be written is a usage error.
  r = await rules('pull', '--host', url, '--token', 'anna', '--output', 'no/such/dir/x.json');
  assert.equal(r.code, 2);
  assert.match(r.err, /^crmkit rules pull: cannot write no\/such\/dir\/x\.json: ENOENT/);
});

test('a host that is not there, or not a crmkit host: exit 1 with the URL, the reason and a hint', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  let r = await rules('pull', '--host', `http://127.0.0.1:${port}`, '--token', 'anna');
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    new RegExp(
      `^crmkit rules pull: cannot reach http://127\\.0\\.0\\.1:${port}/api/admin/assignment-rules: .*ECONNREFUSED`,
      'm',
    ),
  );
  assert.match(r.err, /^hint: check --host \(scheme, name and port\)/m);
  replies['GET /api/admin/assignment-rules'] = {status: 200, type: 'text/html', body: '<html>'};
  r = await rules('pull', '--host', url, '--token', 'anna');
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    /^ {2}the host answered 200 with text\/html, not the crmkit REST API's JSON$/m,
  );
  assert.match(r.err, /^hint: check that --host names a crmkit host CRM/m);
  assert.equal(r.out, '');
});
