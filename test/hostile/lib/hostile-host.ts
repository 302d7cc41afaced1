// The dev host the attacks run against (startDevHost on a temporary SQLite file, port 0, loopback),
// and the ways they talk to it: fetch for ordinary calls, a raw socket for bytes no well-behaved client
// would send (a body that is not UTF-8, a header with a no-break space).
import {mkdtempSync, rmSync} from 'node:fs';
import {connect} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDevHost, type DevHost, type DevHostOptions} from '@crmkit/dev-host';

export interface HostileHost extends DevHost {
  dir: string;
  file: string;
  /** Every line the host logged. */
  logged: string[];
  /** A call as JSON over fetch (the demo user's bearer token as `as`). */
  call(path: string, init?: CallInit): Promise<Answer>;
  /** Raw HTTP/1.1 bytes on a fresh connection; the answer's status, headers and body. */
  raw(request: Uint8Array | string): Promise<RawAnswer>;
  /** Stops the host and removes its files. */
  dispose(): Promise<void>;
}

export interface CallInit {
  as?: string;
  method?: string;
  headers?: Record<string, string>;
  /** A value sent as JSON, a string as it is, or bytes. */
  body?: unknown;
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- attacks read any field
  body: any;
  text: string;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function startHostileHost(options: DevHostOptions = {}): Promise<HostileHost> {
  const dir = mkdtempSync(join(tmpdir(), 'crmkit-hostile-'));
  const file = join(dir, 'crmkit.sqlite');
  const logged: string[] = [];
  const host = await startDevHost({db: file, log: (line) => logged.push(line), ...options});
  const call = async (path: string, init: CallInit = {}): Promise<Answer> => {
    const headers: Record<string, string> = {...init.headers};
    if (init.as !== undefined) headers.authorization = `Bearer ${init.as}`;
    let body: string | Uint8Array | undefined;
    if (init.body instanceof Uint8Array) body = init.body;
    else if (typeof init.body === 'string') body = init.body;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(host.url + path, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body !== undefined ? {body: body as BodyInit} : {}),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return {status: response.status, headers: response.headers, body: parsed, text};
  };
  return {
    ...host,
    dir,
    file,
    logged,
    call,
    raw: (request) => rawRequest(host.port, request),
    dispose: async () => {
      await host.close();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** One raw request on its own connection (closed after the answer): what the server answered. */
export function rawRequest(port: number, request: Uint8Array | string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers = Object.fromEntries(
        lines.map((l) => [
          l.slice(0, l.indexOf(':')).toLowerCase(),
          l.slice(l.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({
        status,
        headers,
        body: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8'),
      });
    });
    socket.end(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
  });
}

/** The bytes of a request: head as latin1 (what goes on the wire byte for byte), then the body. */
export function httpBytes(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Uint8Array = new Uint8Array(),
): Uint8Array {
  const head =
    `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
    Object.entries({...headers, ...(body.length ? {'Content-Length': String(body.length)} : {})})
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    '\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
