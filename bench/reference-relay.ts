/**
 * The reference relay for the latency benchmark: the stock `@y/websocket-server` 0.1.1
 * (in memory, no auth, no validation, no storage), on the port in PORT.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
const server = createServer((_req, res) => res.writeHead(200).end('reference relay'));
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const docName = (req.url ?? '/').replace(/^\/sync\//, '').replace(/^\//, '');
    setupWSConnection(ws, req, { docName });
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ event: 'listening', port }));
});
