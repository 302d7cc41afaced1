#!/usr/bin/env node
// `npm run demo -w @crmkit/reject-lead`: serves the demo (web-dev-server.config.mjs) on loopback only,
// 127.0.0.1 like the dev host, so nobody else on the network reaches it. `wds` itself cannot be told
// so: its listen() turns the hostnames `localhost` and `127.0.0.1` into "no host", which binds every
// interface. So @web/dev-server runs in middleware mode here and this script listens. PORT picks the
// port (default 8010; 0 any free one), HOST the address (say HOST=0.0.0.0 to share it on purpose).
import {createServer} from 'node:http';
import {startDevServer} from '@web/dev-server';
import config from './web-dev-server.config.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT ?? 8010);

const {open, ...serveConfig} = config;
const devServer = await startDevServer({
  // No server of its own (middleware mode), hence no live-reload socket to inject either.
  config: {...serveConfig, middlewareMode: true, injectWebSocket: false},
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
  autoExitProcess: false,
});
const server = createServer(devServer.koaApp.callback());
server.listen(port, host, () => {
  const address = server.address();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  console.log(
    `reject-lead demo at http://${shownHost}:${address.port}${open} (listening on ${host} only; Ctrl+C stops)`,
  );
});
server.on('error', (error) => {
  console.error(`the reject-lead demo could not listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

async function stop() {
  server.close();
  server.closeAllConnections();
  await devServer.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
