// `npm start` as a person runs it: scripts/start.mjs on a free port with a temp database. It prints the
// URL and the demo users, serves the pages and the API, keeps data across restarts, reseeds with
// --reset, refuses a bad port with a clear message, and stops cleanly on SIGTERM.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'crmkit-start-'));
});
after(() => {
  rmSync(dir, {recursive: true, force: true});
});

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `npm start` (scripts/start.mjs) and resolves once it printed its URL. */
function start(args: string[] = [], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs'), ...args], {
    cwd: repoRoot,
    env: {...process.env, PORT: '0', CRMKIT_DB: join(dir, 'crmkit.sqlite'), ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start printed no URL within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /running at (http:\/\/[^\s]+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({
          child,
          url,
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before printing its URL:\n${output}`));
    });
  });
}

const get = (url: string, token?: string) =>
  fetch(url, token ? {headers: {authorization: `Bearer ${token}`}} : {});

describe('npm start', () => {
  test('prints the URL and the demo users, serves the pages and the API, stops on SIGTERM', async () => {
    const host = await start();
    try {
      for (const name of ['Anna Schmidt', 'Sofia Romano', 'Max Müller', 'Lena Fischer']) {
        assert.match(host.output(), new RegExp(name), `the demo user ${name} is printed`);
      }
      assert.match(host.output(), /Max Müller +Sales Rep +token max +http:\/\/\S+\/\?as=max/);
      assert.match(host.output(), /leads\.read, leads\.reject/);
      const page = await get(`${host.url}/?as=max&lang=de`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<script type="module" src="\/assets\/lead-list.js">/);
      const script = await get(`${host.url}/assets/lead-list.js`);
      assert.equal(script.status, 200);
      // The bundled plugin is installed from the build, and its stored files are served.
      const [plugin] = await (await get(`${host.url}/api/plugins`, 'max')).json();
      assert.match(plugin.integrity, /^sha384-/);
      const entry = await get(`${host.url}${plugin.entryUrl}`);
      assert.equal(entry.status, 200);
      assert.equal(entry.headers.get('content-type'), 'text/javascript; charset=utf-8');
      const me = await get(`${host.url}/api/me`, 'max');
      assert.equal((await me.json()).name, 'Max Müller');
    } finally {
      const code = await host.stop('SIGTERM');
      assert.equal(code, 0, `exit code after SIGTERM:\n${host.output()}`);
    }
    assert.match(host.output(), /SIGTERM: stopping/);
  });

  test('data survives a restart; --reset reseeds; SIGINT stops cleanly too', async () => {
    const first = await start();
    const {body: leads} = await get(`${first.url}/api/leads?status=Qualified`, 'max').then(
      async (r) => ({body: (await r.json()) as Array<{id: string}>}),
    );
    const id = leads[0]?.id as string;
    const rejected = await fetch(`${first.url}/api/leads/${id}/reject`, {
      method: 'POST',
      headers: {authorization: 'Bearer max', 'content-type': 'application/json'},
      body: JSON.stringify({rejectCode: 'DUPLICATE', reassignOwner: false}),
    });
    assert.equal(rejected.status, 200);
    assert.equal(await first.stop('SIGINT'), 0, first.output());

    const second = await start();
    const kept = await (await get(`${second.url}/api/leads/${id}`, 'max')).json();
    assert.equal(kept.status, 'Rejected', 'the rejection survived the restart');
    assert.equal(await second.stop(), 0, second.output());

    const third = await start(['--reset']);
    assert.match(third.output(), /reseeded/);
    const reseeded = await (await get(`${third.url}/api/leads/${id}`, 'max')).json();
    assert.equal(reseeded.status, 'Qualified', '--reset brought the demo data back');
    assert.equal(await third.stop(), 0, third.output());
  });

  test('an unknown option is refused with the usage', async () => {
    await assert.rejects(start(['--colour']), (error: Error) => {
      assert.match(error.message, /exited with 2/);
      assert.match(error.message, /Unknown option '--colour'/);
      assert.match(error.message, /Usage: npm start -- \[--reset\]/);
      return true;
    });
  });

  test('a bad port is refused with a message that says what to fix', async () => {
    await assert.rejects(start([], {PORT: 'eighty'}), (error: Error) => {
      assert.match(error.message, /exited with 2/);
      assert.match(error.message, /the port must be a whole number from 0 to 65535, not "eighty"/);
      return true;
    });
  });
});
