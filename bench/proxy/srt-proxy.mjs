// srt's HTTP proxy (createHttpProxyServer from @anthropic-ai/sandbox-runtime) as a process, for
// bench/proxy.sh. The filter allows everything: what is measured is its data path, which every allowed
// connection takes; its own allowlist check is a cheap string match before that.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [, , moduleDir, portFile] = process.argv;
const { createHttpProxyServer } = await import(pathToFileURL(`${moduleDir}/dist/sandbox/http-proxy.js`).href);
const server = createHttpProxyServer({ filter: () => true });
server.listen(0, '127.0.0.1', () => writeFileSync(portFile, String(server.address().port)));
