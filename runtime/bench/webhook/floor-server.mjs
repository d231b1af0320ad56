// The plain Node http floor: the same request and answer as the benchmark's workflow (parse the JSON
// body, double `n`), with nothing else. A copy of ../shared/peers/n8n/floor-server.js as ESM.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let n = 0;
    try {
      n = JSON.parse(Buffer.concat(chunks).toString()).n;
    } catch {}
    const body = JSON.stringify({ greeting: 'hello', doubled: n * 2 });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () =>
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`),
);
