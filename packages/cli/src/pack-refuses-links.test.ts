// crmkit pack packs only regular files from inside the plugin folder: a link (even one pointing inside
// the folder), a FIFO or a file reached through a folder that links out is refused with exit 1 and
// no package, never followed. A package is what an admin installs; it must hold the author's bytes only.
import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {list} from 'tar';
import {captureIo} from './rules/capture-io.js';
import {packCommand, type PackRefusal} from './pack-command.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/pack/', import.meta.url));

let scratch: string;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'crmkit-pack-links-test-'));
});
after(() => rmSync(scratch, {recursive: true, force: true}));

const freshDir = () => mkdtempSync(join(scratch, 'out-'));

/** A copy of the hello-plugin fixture (entry build/index.js, its map, custom-elements.json, README.md). */
function helloCopy(): string {
  const dir = join(freshDir(), 'plugin');
  cpSync(join(fixtures, 'hello-plugin'), dir, {recursive: true});
  return dir;
}

/** Replaces `path` inside `dir` by a symbolic link to `target`. */
function linkAt(dir: string, path: string, target: string): void {
  rmSync(join(dir, path), {force: true});
  symlinkSync(target, join(dir, path));
}

/** Replaces `path` inside `dir` by a FIFO (a named pipe: reading it would wait for a writer forever). */
function fifoAt(dir: string, path: string): void {
  rmSync(join(dir, path), {force: true});
  execFileSync('mkfifo', [join(dir, path)]);
}

/** Packs `dir` (run from inside it) into a fresh folder; answers the exit code, the output and that folder. */
async function pack(dir: string, ...args: string[]) {
  const out = freshDir();
  const io = captureIo({cwd: dir});
  const code = await packCommand(['.', '--out', out, ...args], io);
  return {code, out: io.out, err: io.err, written: readdirSync(out)};
}

describe('crmkit pack refuses an entry that is not a regular file inside the plugin folder', () => {
  test('a link to /etc/passwd: exit 1, file-is-link at "entry", no package', async () => {
    const dir = helloCopy();
    linkAt(dir, 'build/index.js', '/etc/passwd');
    const r = await pack(dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(
      r.out,
      /^plugin\.json:8:12: error file-is-link: the entry build\/index\.js is a symbolic link \(to \/etc\/passwd\); a package holds only regular files from inside the plugin folder \(replace the link with the file itself \(e\.g\. cp --remove-destination "\$\(readlink -f build\/index\.js\)" build\/index\.js\), or let the build write the file there; then pack again\)$/m,
    );
    assert.doesNotMatch(r.out, /entry-missing|integrity-mismatch/, 'the link is the one finding');
    assert.match(r.err, /^plugin\.json: not packed, 1 error$/m);
    assert.deepEqual(r.written, []);
  });

  test('a link to a file inside the folder is refused too (the host refuses links as well)', async () => {
    const dir = helloCopy();
    mkdirSync(join(dir, 'src'));
    cpSync(join(dir, 'build/index.js'), join(dir, 'src/index.js'));
    linkAt(dir, 'build/index.js', '../src/index.js');
    const r = await pack(dir);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /error file-is-link: the entry build\/index\.js is a symbolic link \(to \.\.\/src\/index\.js\)/,
    );
    assert.deepEqual(r.written, []);
  });

  test('a dangling link is a link, not an unbuilt plugin', async () => {
    const dir = helloCopy();
    linkAt(dir, 'build/index.js', 'nowhere.js');
    const r = await pack(dir);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /error file-is-link: the entry build\/index\.js is a symbolic link \(to nowhere\.js\)/,
    );
    assert.doesNotMatch(r.out, /entry-missing/);
    assert.deepEqual(r.written, []);
  });

  test('a FIFO: exit 1, file-not-regular, and the command does not wait on the pipe', async () => {
    const dir = helloCopy();
    fifoAt(dir, 'build/index.js');
    const r = await pack(dir);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /^plugin\.json:8:12: error file-not-regular: the entry build\/index\.js is a FIFO \(named pipe\), not a regular file \(put the built file there instead \(a package holds regular files only\); then pack again\)$/m,
    );
    assert.doesNotMatch(r.out, /entry-missing/, 'a FIFO is not a missing build');
    assert.deepEqual(r.written, []);
  });

  test('a folder on the way that links out of the plugin folder: file-outside-plugin', async () => {
    const dir = helloCopy();
    const elsewhere = join(freshDir(), 'elsewhere');
    cpSync(join(dir, 'build'), elsewhere, {recursive: true});
    rmSync(join(dir, 'build'), {recursive: true});
    symlinkSync(elsewhere, join(dir, 'build'));
    const r = await pack(dir);
    assert.equal(r.code, 1);
    assert.ok(
      r.out.includes(
        `error file-outside-plugin: the entry build/index.js resolves to ${join(elsewhere, 'index.js')}, outside the plugin folder (a folder on its path links out of the plugin folder`,
      ),
      r.out,
    );
    assert.deepEqual(r.written, []);
  });

  test('--json names the code, the pointer and the position', async () => {
    const dir = helloCopy();
    linkAt(dir, 'build/index.js', '/etc/passwd');
    const r = await pack(dir, '--json');
    assert.equal(r.code, 1);
    const refusal = JSON.parse(r.out) as PackRefusal;
    assert.equal(refusal.ok, false);
    const errors = refusal.issues.filter((i) => i.severity === 'error');
    assert.deepEqual(
      errors.map((i) => [i.code, i.file, i.pointer, i.line, i.column]),
      [['file-is-link', 'plugin.json', '/entry', 8, 12]],
    );
    assert.equal(r.err, '');
    assert.deepEqual(r.written, []);
  });

  test('in German', async () => {
    const dir = helloCopy();
    fifoAt(dir, 'build/index.js');
    const r = await pack(dir, '--lang', 'de');
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /error file-not-regular: der Einstiegspunkt build\/index\.js ist ein FIFO \(benannte Pipe\), keine reguläre Datei \(legen Sie stattdessen die gebaute Datei dorthin/,
    );
    assert.match(r.err, /^plugin\.json: nicht gepackt, 1 Fehler$/m);
    const link = helloCopy();
    linkAt(link, 'build/index.js', '/etc/passwd');
    const l = await pack(link, '--lang', 'de');
    assert.match(
      l.out,
      /error file-is-link: der Einstiegspunkt build\/index\.js ist ein symbolischer Link \(auf \/etc\/passwd\); ein Paket enthält nur reguläre Dateien aus dem Plugin-Ordner \(ersetzen Sie den Link durch die Datei selbst/,
    );
  });
});

describe('crmkit pack refuses optional files that are links or special files (not skipped: the author must know)', () => {
  const optional: Array<[string, string, string]> = [
    ['the source map', 'build/index.js.map', 'the source map'],
    ['custom-elements.json', 'custom-elements.json', 'the custom elements manifest'],
    ['README.md', 'README.md', 'the README'],
  ];
  for (const [name, path, what] of optional) {
    test(`${name} as a link: exit 1, file-is-link at the file, no package`, async () => {
      const dir = helloCopy();
      linkAt(dir, path, '/etc/passwd');
      const r = await pack(dir);
      assert.equal(r.code, 1, r.out + r.err);
      assert.ok(
        r.out.includes(
          `${path}:1:1: error file-is-link: ${what} ${path} is a symbolic link (to /etc/passwd); `,
        ),
        r.out,
      );
      assert.match(r.err, /^plugin\.json: not packed, 1 error$/m);
      assert.deepEqual(r.written, []);
    });

    test(`${name} as a FIFO: exit 1, file-not-regular`, async () => {
      const dir = helloCopy();
      fifoAt(dir, path);
      const r = await pack(dir, '--json');
      assert.equal(r.code, 1);
      const refusal = JSON.parse(r.out) as PackRefusal;
      assert.deepEqual(
        refusal.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.file]),
        [['file-not-regular', path]],
      );
      assert.deepEqual(r.written, []);
    });
  }

  test('a sourceMappingURL naming a link is refused, not followed', async () => {
    const dir = helloCopy();
    writeFileSync(
      join(dir, 'build/index.js'),
      'export const x = 1;\n//# sourceMappingURL=other.js.map\n',
    );
    symlinkSync('/etc/passwd', join(dir, 'build/other.js.map'));
    const r = await pack(dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^build\/other\.js\.map:1:1: error file-is-link: the source map /m);
    assert.deepEqual(r.written, []);
  });
});

describe('crmkit pack refuses a plugin.json that is not a regular file', () => {
  test('a linked plugin.json: exit 1 before anything is read through it', async () => {
    const dir = helloCopy();
    const real = join(freshDir(), 'plugin.json');
    cpSync(join(dir, 'plugin.json'), real);
    linkAt(dir, 'plugin.json', real);
    const r = await pack(dir);
    assert.equal(r.code, 1);
    assert.ok(
      r.out.startsWith(
        `plugin.json:1:1: error file-is-link: the manifest plugin.json is a symbolic link (to ${real}); `,
      ),
      r.out,
    );
    assert.equal(r.out.trimEnd().split('\n').length, 1, 'only that finding');
    assert.deepEqual(r.written, []);
  });
});

describe('crmkit pack still packs what is fine', () => {
  test('a plugin folder reached through a link packs (only files inside it must be real)', async () => {
    const dir = helloCopy();
    const link = join(freshDir(), 'linked-plugin');
    symlinkSync(dir, link);
    const out = freshDir();
    const io = captureIo();
    assert.equal(await packCommand([link, '--out', out], io), 0, io.out + io.err);
    const names: string[] = [];
    await list({
      file: join(out, 'hello-plugin-1.2.3.tgz'),
      onReadEntry: (e) => void names.push(`${e.type} ${e.path}`),
    });
    assert.deepEqual(names, [
      'File plugin.json',
      'File build/index.js',
      'File build/index.js.map',
      'File custom-elements.json',
      'File README.md',
    ]);
  });
});
