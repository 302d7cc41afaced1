// crmkit install without the real host: its usage errors (no server needed), and what it sends and
// prints against a stub HTTP server that answers as the host's contract says (test/cli/crmkit-install
// runs it against the real dev host).
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {networkInterfaces, tmpdir} from 'node:os';
import {join} from 'node:path';
import {captureIo} from './rules/capture-io.js';
import {main} from './main.js';
import {
  installCommand,
  type InstallFailure,
  type InstallSummary,
  type PluginUpload,
} from './install-command.js';

let scratch: string;
let tgz: string;
const packageBytes = Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 0xff]);
let savedToken: string | undefined;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'crmkit-install-test-'));
  tgz = join(scratch, 'hello-plugin-1.2.3.tgz');
  writeFileSync(tgz, packageBytes);
  mkdirSync(join(scratch, 'a-folder'));
});
after(() => rmSync(scratch, {recursive: true, force: true}));
// The token may come from the environment: no test may see the developer's own.
beforeEach(() => {
  savedToken = process.env.CRMKIT_TOKEN;
  delete process.env.CRMKIT_TOKEN;
});
afterEach(() => {
  if (savedToken === undefined) delete process.env.CRMKIT_TOKEN;
  else process.env.CRMKIT_TOKEN = savedToken;
});

const install = async (...args: string[]) => {
  const io = captureIo({cwd: scratch});
  const code = await installCommand(args, io);
  return {code, out: io.out, err: io.err};
};

describe('crmkit install usage errors exit 2 and send nothing', () => {
  const host = ['--host', 'http://127.0.0.1:9'];
  const cases: Array<[string, string[], RegExp]> = [
    [
      'no package file',
      [...host, '--token', 't'],
      /give the package file \(the \.tgz that crmkit pack wrote\)/,
    ],
    [
      'two package files',
      ['a.tgz', 'b.tgz', ...host, '--token', 't'],
      /give one package file, not 2/,
    ],
    [
      'no --host',
      ['hello-plugin-1.2.3.tgz', '--token', 't'],
      /give the host CRM with --host <url>/,
    ],
    ['an empty --host', ['hello-plugin-1.2.3.tgz', '--host', '', '--token', 't'], /--host <url>/],
    [
      '--host that is not a URL',
      ['hello-plugin-1.2.3.tgz', '--host', '127.0.0.1:3000', '--token', 't'],
      /--host must be an http or https URL such as http:\/\/127\.0\.0\.1:3000 \(got "127\.0\.0\.1:3000"\)/,
    ],
    [
      '--host with another scheme',
      ['hello-plugin-1.2.3.tgz', '--host', 'ftp://example.com', '--token', 't'],
      /--host must be an http or https URL/,
    ],
    [
      '--host with a query',
      ['hello-plugin-1.2.3.tgz', '--host', 'http://127.0.0.1:3000/?as=anna', '--token', 't'],
      /without a query or #fragment/,
    ],
    [
      '--host with credentials',
      ['hello-plugin-1.2.3.tgz', '--host', 'http://anna:secret@127.0.0.1:3000', '--token', 't'],
      /must not contain a user name or password/,
    ],
    [
      'no token (no --token, no CRMKIT_TOKEN)',
      ['hello-plugin-1.2.3.tgz', ...host],
      /no API token: set the environment variable CRMKIT_TOKEN .* or pass --token <token>; .*plugins\.manage/,
    ],
    ['an empty --token', ['hello-plugin-1.2.3.tgz', ...host, '--token', ''], /--token is empty/],
    [
      'a file that does not exist',
      ['nope.tgz', ...host, '--token', 't'],
      /nope\.tgz does not exist/,
    ],
    [
      'a folder instead of the package',
      ['a-folder', ...host, '--token', 't'],
      /a-folder is a folder; give the \.tgz of the plugin \(crmkit pack a-folder writes it\)/,
    ],
    [
      'an unknown option',
      ['hello-plugin-1.2.3.tgz', ...host, '--enabel'],
      /unknown option --enabel \(did you mean --enable\?\)/,
    ],
    [
      'an unknown language',
      ['hello-plugin-1.2.3.tgz', ...host, '--lang', 'fr'],
      /--lang must be en or de/,
    ],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      const r = await install(...args);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
      assert.match(r.err, /Usage: crmkit install <package\.tgz> --host <url>/);
      assert.equal(r.out, '');
    });
  }

  test('in German', async () => {
    const r = await install('hello-plugin-1.2.3.tgz', ...host, '--lang', 'de');
    assert.equal(r.code, 2);
    assert.match(r.err, /kein API-Token: setzen Sie die Umgebungsvariable CRMKIT_TOKEN/);
  });

  test('an unknown option names the nearest, in English and German (--lang de or LANG)', async () => {
    const en = await install('hello-plugin-1.2.3.tgz', ...host, '--tokn', 't');
    assert.equal(en.code, 2);
    assert.equal(
      en.err.split('\n')[0],
      'crmkit install: unknown option --tokn (did you mean --token?); the options are --host <url>, --token <token>, --enable, --json, --help/-h, --lang en|de',
    );
    const de = await install('hello-plugin-1.2.3.tgz', ...host, '--tokn', 't', '--lang', 'de');
    assert.equal(de.code, 2);
    assert.equal(
      de.err.split('\n')[0],
      'crmkit install: unbekannte Option --tokn (meinten Sie --token?); die Optionen sind --host <url>, --token <token>, --enable, --json, --help/-h, --lang en|de',
    );
    assert.match(de.err, /\n\nAufruf: crmkit install <Paket\.tgz> --host <URL>/);
    process.env.LANG = 'de_DE.UTF-8';
    try {
      const env = await install('hello-plugin-1.2.3.tgz', '--hst', 'http://127.0.0.1:9');
      assert.equal(env.code, 2);
      assert.match(env.err, /^crmkit install: unbekannte Option --hst \(meinten Sie --host\?\)/);
      assert.equal(env.out, '');
    } finally {
      process.env.LANG = 'C';
    }
  });

  test('--help prints the usage and exits 0', async () => {
    const r = await install('--help');
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /^Usage: crmkit install <package\.tgz> --host <url> \[--token <token>\] \[--enable\]/,
    );
    assert.match(r.out, /installed disabled until an admin enables it/);
  });

  test('crmkit --help lists install; main dispatches it', async () => {
    const help = captureIo();
    assert.equal(await main(['--help'], help), 0);
    assert.match(
      help.out,
      /^ {2}install <package\.tgz> --host <url> \[--token <t>\] \[--enable\] \[--json\]$/m,
    );
    const io = captureIo();
    assert.equal(await main(['install'], io), 2);
    assert.match(io.err, /^crmkit install: give the package file/);
  });
});

/** A request the stub host received. */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Reply = {status: number; type?: string; body: unknown};

/** A stub host: answers each request with the next reply and keeps what it received. */
async function stubHost(replies: Reply[], listenOn = '127.0.0.1') {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      const reply = replies.shift() ?? {status: 500, type: 'text/plain', body: 'no reply left'};
      res.writeHead(reply.status, {'content-type': reply.type ?? 'application/json'});
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((done) => server.listen(0, listenOn, done));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const installed = (over: Record<string, unknown> = {}) => ({
  id: 'com.example.hello-plugin',
  version: '1.2.3',
  enabled: false,
  trusted: false,
  config: {},
  manifest: {},
  permissions: ['leads.read'],
  acceptedPermissions: [],
  integrity: 'sha384-abc',
  size: 10,
  installedAt: '2026-01-01T00:00:00.000Z',
  previousVersion: null,
  versions: [
    {
      version: '1.2.3',
      permissions: ['leads.read'],
      integrity: 'sha384-abc',
      size: 10,
      uploadedAt: '2026-01-01T00:00:00.000Z',
    },
  ],
  upgrade: null,
  ...over,
});

const upload = (over: Partial<PluginUpload> = {}, plugin = installed()): PluginUpload => ({
  id: 'com.example.hello-plugin',
  version: '1.2.3',
  enabled: false,
  permissions: ['leads.read'],
  integrity: 'sha384-abc',
  size: 10,
  files: [
    {path: 'plugin.json', size: 300},
    {path: 'build/index.js', size: 182},
  ],
  plugin: plugin as PluginUpload['plugin'],
  ...over,
});

const problem = (status: number, body: Record<string, unknown>): Reply => ({
  status,
  type: 'application/problem+json',
  body: {type: 'about:blank', status, ...body},
});

describe('crmkit install against a stub host', () => {
  test('POSTs the bytes as application/gzip with the bearer token, and prints what was installed', async () => {
    const host = await stubHost([{status: 201, body: upload()}]);
    try {
      const r = await install('hello-plugin-1.2.3.tgz', '--host', host.url, '--token', 'anna');
      assert.equal(r.code, 0, r.err);
      assert.equal(host.received.length, 1);
      const [req] = host.received as [Received];
      assert.equal(req.method, 'POST');
      assert.equal(req.url, '/api/admin/plugins');
      assert.equal(req.headers['content-type'], 'application/gzip');
      assert.equal(req.headers.authorization, 'Bearer anna');
      assert.equal(req.headers['accept-language'], 'en');
      assert.deepEqual(req.body, packageBytes, 'the file, byte for byte');
      assert.equal(r.err, '', 'no warning for this machine over http');
      assert.equal(
        r.out,
        [
          `Installed com.example.hello-plugin 1.2.3 on ${host.url}: a new plugin`,
          '  permissions:  leads.read',
          '  integrity:    sha384-abc',
          '  size:         10 B, 2 files',
          '  runs:         1.2.3, disabled',
          'A new plugin is installed disabled until an admin enables it: on the admin page (/admin), or with crmkit install … --enable.',
          '',
        ].join('\n'),
      );
    } finally {
      await host.close();
    }
  });

  test('the token from CRMKIT_TOKEN; a base path in --host is kept', async () => {
    const host = await stubHost([{status: 201, body: upload()}]);
    try {
      process.env.CRMKIT_TOKEN = 'from-env';
      const r = await install('hello-plugin-1.2.3.tgz', '--host', `${host.url}/crm/`);
      assert.equal(r.code, 0, r.err);
      assert.equal(host.received[0]?.url, '/crm/api/admin/plugins');
      assert.equal(host.received[0]?.headers.authorization, 'Bearer from-env');
    } finally {
      await host.close();
    }
  });

  test('--enable PUTs {enabled: true} for the plugin and says it is enabled', async () => {
    const host = await stubHost([
      {status: 201, body: upload()},
      {status: 200, body: installed({enabled: true, acceptedPermissions: ['leads.read']})},
    ]);
    try {
      const r = await install(
        'hello-plugin-1.2.3.tgz',
        '--host',
        host.url,
        '--token',
        'anna',
        '--enable',
      );
      assert.equal(r.code, 0, r.err);
      const put = host.received[1]!;
      assert.equal(put.method, 'PUT');
      assert.equal(put.url, '/api/admin/plugins/com.example.hello-plugin');
      assert.equal(put.headers['content-type'], 'application/json');
      assert.equal(put.headers.authorization, 'Bearer anna');
      assert.deepEqual(JSON.parse(put.body.toString()), {enabled: true});
      assert.match(r.out, /^ {2}runs: {9}1\.2\.3, enabled$/m);
      assert.match(
        r.out,
        /^Enabled com\.example\.hello-plugin 1\.2\.3, with its permissions: leads\.read$/m,
      );
      assert.doesNotMatch(r.out, /installed disabled/);
    } finally {
      await host.close();
    }
  });

  test('another version of an installed plugin: stored, what runs is unchanged; --enable switches to it', async () => {
    const running = installed({
      enabled: true,
      versions: [
        {
          version: '1.3.0',
          permissions: ['leads.read'],
          integrity: 'sha384-new',
          size: 10,
          uploadedAt: 'x',
        },
        {
          version: '1.2.3',
          permissions: ['leads.read'],
          integrity: 'sha384-abc',
          size: 10,
          uploadedAt: 'x',
        },
      ],
    });
    const stored = upload({version: '1.3.0', integrity: 'sha384-new'}, running);
    const host = await stubHost([{status: 201, body: stored}]);
    try {
      const r = await install('hello-plugin-1.2.3.tgz', '--host', host.url, '--token', 'anna');
      assert.equal(r.code, 0, r.err);
      assert.match(
        r.out,
        /^Stored com\.example\.hello-plugin 1\.3\.0 on .*, beside the installed version 1\.2\.3$/m,
      );
      assert.match(
        r.out,
        /^What runs is unchanged \(1\.2\.3\) until an admin switches to the new version/m,
      );
    } finally {
      await host.close();
    }
    const enabling = await stubHost([
      {status: 201, body: stored},
      {status: 200, body: installed({version: '1.3.0', enabled: true, previousVersion: '1.2.3'})},
    ]);
    try {
      const r = await install(
        'hello-plugin-1.2.3.tgz',
        '--host',
        enabling.url,
        '--token',
        'anna',
        '--enable',
      );
      assert.equal(r.code, 0, r.err);
      assert.deepEqual(JSON.parse(enabling.received[1]!.body.toString()), {
        enabled: true,
        version: '1.3.0',
      });
      assert.match(r.out, /^Enabled com\.example\.hello-plugin 1\.3\.0/m);
    } finally {
      await enabling.close();
    }
  });

  test('the same bytes again (200): says nothing changed', async () => {
    const host = await stubHost([{status: 200, body: upload()}]);
    try {
      const r = await install('hello-plugin-1.2.3.tgz', '--host', host.url, '--token', 'anna');
      assert.equal(r.code, 0);
      assert.match(
        r.out,
        /^com\.example\.hello-plugin 1\.2\.3 was already stored on .* \(the same bytes\); nothing changed$/m,
      );
    } finally {
      await host.close();
    }
  });

  test('--json prints the upload and the plugin as it is now', async () => {
    const host = await stubHost([{status: 201, body: upload()}]);
    try {
      const r = await install(
        'hello-plugin-1.2.3.tgz',
        '--host',
        host.url,
        '--token',
        'anna',
        '--json',
      );
      assert.equal(r.code, 0);
      const summary = JSON.parse(r.out) as InstallSummary;
      assert.equal(summary.ok, true);
      assert.equal(summary.status, 201);
      assert.equal(summary.url, `${host.url}/api/admin/plugins`);
      assert.equal(summary.upload.id, 'com.example.hello-plugin');
      assert.equal(summary.plugin.enabled, false);
    } finally {
      await host.close();
    }
  });
});

describe('crmkit install reports what the host refused, exit 1', () => {
  const refusal = problem(422, {
    title: 'Invalid plugin package',
    code: 'invalid-plugin-package',
    detail: 'The plugin package was refused: 1 problem.',
    errors: [
      {
        field: 'build/index.js',
        code: 'integrity-mismatch',
        message: 'build/index.js does not match the manifest’s integrity.',
      },
    ],
  });

  test('a problem: its title, detail and every field error, and a hint', async () => {
    const host = await stubHost([refusal]);
    try {
      const r = await install('hello-plugin-1.2.3.tgz', '--host', host.url, '--token', 'anna');
      assert.equal(r.code, 1);
      assert.equal(r.out, '');
      assert.equal(
        r.err,
        [
          `crmkit install: the host refused the package (${host.url}/api/admin/plugins)`,
          '  422 Invalid plugin package (invalid-plugin-package)',
          '  The plugin package was refused: 1 problem.',
          '  - build/index.js: build/index.js does not match the manifest’s integrity. [integrity-mismatch]',
          'hint: the file is not a package crmkit pack wrote, or was changed since: pack the plugin again (crmkit pack <plugin dir>) and install that .tgz',
          '',
        ].join('\n'),
      );
    } finally {
      await host.close();
    }
  });

  test('a field error about the whole package says so; --json has the problem', async () => {
    const host = await stubHost([
      problem(422, {
        title: 'Invalid plugin package',
        code: 'invalid-plugin-package',
        detail: 'refused',
        errors: [{field: '', code: 'not-gzip', message: 'The package is not gzip-compressed.'}],
      }),
      problem(422, {title: 'Invalid plugin package', code: 'invalid-plugin-package', errors: []}),
    ]);
    try {
      const r = await install('hello-plugin-1.2.3.tgz', '--host', host.url, '--token', 'anna');
      assert.match(
        r.err,
        /^ {2}- \(package\): The package is not gzip-compressed\. \[not-gzip\]$/m,
      );
      const json = await install(
        'hello-plugin-1.2.3.tgz',
        '--host',
        host.url,
        '--token',
        'anna',
        '--json',
      );
      assert.equal(json.code, 1);
      const failure = JSON.parse(json.out) as InstallFailure;
      assert.equal(failure.ok, false);
      assert.equal(failure.step, 'upload');
      assert.equal(failure.status, 422);
      assert.equal(failure.problem?.code, 'invalid-plugin-package');
      assert.match(failure.hint, /pack the plugin again/);
      assert.equal(json.err, '');
    } finally {
      await host.close();
    }
  });

  test('401: a hint about the token', async () => {
    const host = await stubHost([
      problem(401, {
        title: 'Unauthorized',
        code: 'unauthorized',
        detail: 'The token is not known.',
      }),
    ]);
    try {
      const r = await install('hello-plugin-1.2.3.tgz', '--host', host.url, '--token', 'nobody');
      assert.equal(r.code, 1);
      assert.match(r.err, /^ {2}401 Unauthorized \(unauthorized\)$/m);
      assert.match(
        r.err,
        /^hint: the host does not know the token .*check --token or CRMKIT_TOKEN/m,
      );
    } finally {
      await host.close();
    }
  });

  test('403: a hint about the plugins.manage privilege', async () => {
    const host = await stubHost([
      problem(403, {
        title: 'Missing privilege',
        code: 'missing-privilege',
        privilege: 'plugins.manage',
        detail: 'Max lacks plugins.manage.',
      }),
    ]);
    try {
      const r = await install('hello-plugin-1.2.3.tgz', '--host', host.url, '--token', 'max');
      assert.equal(r.code, 1);
      assert.match(r.err, /^ {2}Max lacks plugins\.manage\.$/m);
      assert.match(
        r.err,
        /^hint: the token's user lacks the privilege plugins\.manage: use the token of an admin, or let an admin grant plugins\.manage to that user's role/m,
      );
    } finally {
      await host.close();
    }
  });

  test('the enable refused after the upload: exit 1, says the package is stored but not enabled', async () => {
    const host = await stubHost([
      {status: 201, body: upload()},
      problem(409, {
        title: 'Permissions not accepted',
        code: 'permissions-not-accepted',
        detail: 'Accept leads.reject.',
        added: ['leads.reject'],
      }),
    ]);
    try {
      const r = await install(
        'hello-plugin-1.2.3.tgz',
        '--host',
        host.url,
        '--token',
        'anna',
        '--enable',
      );
      assert.equal(r.code, 1);
      assert.match(
        r.err,
        /^crmkit install: the host refused to enable the plugin \(.*\/api\/admin\/plugins\/com\.example\.hello-plugin\)$/m,
      );
      assert.match(
        r.err,
        /^The package com\.example\.hello-plugin 1\.2\.3 is stored, but the plugin was not enabled\.$/m,
      );
      assert.match(
        r.err,
        /^hint: the new version asks for more permissions: review and accept them on the admin page/m,
      );
    } finally {
      await host.close();
    }
  });

  test('an answer that is not the API (a proxy page): exit 1, says what came', async () => {
    const host = await stubHost([{status: 200, type: 'text/html', body: '<h1>Welcome</h1>'}]);
    try {
      const r = await install('hello-plugin-1.2.3.tgz', '--host', host.url, '--token', 'anna');
      assert.equal(r.code, 1);
      assert.match(r.err, /the host answered 200 with text\/html, not the crmkit REST API's JSON/);
      assert.match(r.err, /^hint: check that --host names a crmkit host CRM/m);
    } finally {
      await host.close();
    }
  });

  test('in German: the host is asked for German, the CLI speaks German', async () => {
    const host = await stubHost([refusal]);
    try {
      const r = await install(
        'hello-plugin-1.2.3.tgz',
        '--host',
        host.url,
        '--token',
        'anna',
        '--lang',
        'de',
      );
      assert.equal(r.code, 1);
      assert.equal(host.received[0]?.headers['accept-language'], 'de');
      assert.match(r.err, /^crmkit install: der Host hat das Paket abgelehnt \(/m);
      assert.match(r.err, /^Hinweis: die Datei ist kein Paket von crmkit pack/m);
    } finally {
      await host.close();
    }
  });
});

describe('crmkit install when the host cannot be reached', () => {
  test('exit 1 with the URL, the reason and a hint', async () => {
    const host = await stubHost([]);
    const url = host.url;
    await host.close(); // a port nobody listens on any more
    const r = await install('hello-plugin-1.2.3.tgz', '--host', url, '--token', 'anna');
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      new RegExp(`^crmkit install: cannot reach ${url}/api/admin/plugins: .*ECONNREFUSED`, 'm'),
    );
    assert.match(
      r.err,
      /^hint: check --host \(scheme, name and port\) and that the host CRM is running/m,
    );
    const json = await install(
      'hello-plugin-1.2.3.tgz',
      '--host',
      url,
      '--token',
      'anna',
      '--json',
    );
    const failure = JSON.parse(json.out) as InstallFailure;
    assert.equal(failure.status, undefined);
    assert.match(failure.error ?? '', /ECONNREFUSED/);
  });

  test('plain http to another machine: a warning that the token is readable on the way', async (t) => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!address) return t.skip('this machine has no non-loopback IPv4 address');
    const host = await stubHost([{status: 201, body: upload()}], '0.0.0.0');
    try {
      const r = await install(
        'hello-plugin-1.2.3.tgz',
        '--host',
        `http://${address}:${host.port}`,
        '--token',
        'anna',
      );
      assert.equal(r.code, 0, r.err);
      assert.match(
        r.err,
        new RegExp(
          `^warning: the token goes to ${address.replaceAll('.', '\\.')}:${host.port} over plain http`,
          'm',
        ),
      );
    } finally {
      await host.close();
    }
  });
});
