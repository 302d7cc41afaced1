// Items 8 and 9: who can reach what. `npm run demo` of reject-lead listened on every interface (wds
// binds all of them for `localhost`); it must listen on 127.0.0.1 only, like the dev host. And once
// signed in by `?as=`, the page must say that the sign-in is a demo one (no password).
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {connect} from 'node:net';
import {networkInterfaces} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {buildPages, createPageHandler} from '@crmkit/dev-host/pages';
import {attack, type Category} from '../lib/attack.js';
import {startHostileHost} from '../lib/hostile-host.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** This machine's addresses other than loopback (where a remote client would connect). */
const outsideAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);

/** Whether a TCP connection to `host:port` is accepted. */
const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({host, port, timeout: 2000});
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

/** Starts `npm run demo` (its script, PORT=0) and resolves its port once it listens. */
function startDemo(): Promise<{port: number; stop: () => void}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['serve-demo.mjs'], {
      cwd: join(ROOT, 'plugins/reject-lead'),
      env: {...process.env, PORT: '0', HOST: ''},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo did not start: ${out}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({port: Number(port), stop: () => child.kill('SIGTERM')});
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the demo exited (${code}): ${out}`)));
  });
}

export function exposureCategory(): Category {
  return {
    name: 'network exposure',
    attacks: () => [
      attack('npm run demo of reject-lead listens on 127.0.0.1 only', async () => {
        const demo = await startDemo();
        try {
          assert.ok(await reachable('127.0.0.1', demo.port), 'reachable on loopback');
          const page = await fetch(`http://127.0.0.1:${demo.port}/plugins/reject-lead/demo/`);
          assert.equal(page.status, 200);
          for (const address of outsideAddresses()) {
            assert.equal(await reachable(address, demo.port), false, `reachable on ${address}`);
          }
        } finally {
          demo.stop();
        }
      }),
      attack('the dev host listens on 127.0.0.1 only by default', async () => {
        const host = await startHostileHost();
        try {
          assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+$/);
          for (const address of outsideAddresses()) {
            assert.equal(await reachable(address, host.port), false, `reachable on ${address}`);
          }
        } finally {
          await host.dispose();
        }
      }),
    ],
  };
}

export function pageSignInCategory(): Category {
  let host: Awaited<ReturnType<typeof startHostileHost>> | undefined;
  const page = async (query: string, cookie?: string) => {
    const response = await fetch(`${host!.url}/${query}`, {
      headers: cookie ? {cookie} : {},
      redirect: 'manual',
    });
    return {
      html: await response.text(),
      cookie: response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    };
  };
  const note =
    /<header class="app-header">[\s\S]*<p class="demo-sign-in" role="note">([^<]+)<\/p>\s*<\/header>/;
  return {
    name: 'page sign-in',
    attacks: async () => {
      const pages = await buildPages({log: () => {}});
      host = await startHostileHost({pages: createPageHandler(pages)});
      return [
        attack(
          'signed in with ?as=max, the header says it is a demo sign-in (English)',
          async () => {
            const {html} = await page('?as=max&lang=en');
            assert.match(
              note.exec(html)?.[1] ?? '',
              /^Demo sign-in: you are Max Müller, .*without a password/,
            );
          },
        ),
        attack('and in German', async () => {
          const {html} = await page('leads/L-1001?as=sofia&lang=de');
          assert.match(
            note.exec(html)?.[1] ?? '',
            /^Demo-Anmeldung: Sie sind Sofia Romano, .*ohne Passwort/,
          );
        }),
        attack('still said on the next page, signed in by the cookie alone', async () => {
          const first = await page('?as=anna&lang=en');
          assert.ok(first.cookie.includes('crmkit_session='), first.cookie);
          const {html} = await page('admin', first.cookie);
          assert.match(note.exec(html)?.[1] ?? '', /^Demo sign-in: you are Anna Schmidt/);
        }),
        attack('nobody signed in, or an unknown ?as=: no such note', async () => {
          assert.doesNotMatch((await page('?lang=en')).html, /demo-sign-in/);
          assert.doesNotMatch((await page('?as=mallory&lang=en')).html, /demo-sign-in/);
        }),
      ];
    },
    cleanup: async () => host?.dispose(),
  };
}
