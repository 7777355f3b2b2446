/**
 * What @hono/node-server hands the app as `c.env` for a request on a socket: the routes that look at
 * the client's address (the local dev routes) read it. `app.request(path, init, connectionFrom(ip))`.
 */
export function connectionFrom(remoteAddress: string) {
  return { incoming: { socket: { remoteAddress, remotePort: 50000, remoteFamily: remoteAddress.includes(':') ? 'IPv6' : 'IPv4' } } };
}
