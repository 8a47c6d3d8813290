// `npm run playground`: serves playground/ on localhost and prints the address. Only on 127.0.0.1: the page needs
// no server beyond static files (it also works opened from a file:// copy), and nothing is sent anywhere.
// Options: --port N (default 5173; 0 picks a free one).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const { values } = parseArgs({ options: { port: { type: 'string', default: '5173' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0-65535), not ${values.port}`);
  process.exit(2);
}
const files = sirv(fileURLToPath(new URL('.', import.meta.url)), { dev: true, etag: true });
const server = createServer((req, res) => files(req, res, () => ((res.statusCode = 404), res.end('not found'))));
server.on('error', (error) => {
  console.error(`cannot serve the playground: ${error.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `rx-followup playground: http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`,
  );
});
