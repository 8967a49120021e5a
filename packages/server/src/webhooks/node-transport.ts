import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './addresses.js';
import { checkHost, describe, RefusedAddressError, RESPONSE_BYTES, type Transport } from './transport.js';

/**
 * A name lookup that refuses the connection when any address the name resolves to is private:
 * the check runs on the very addresses the socket then connects to, so a name that resolves to a
 * public address when checked and a private one when connecting (DNS rebinding) gets nowhere.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) {
      const err = new RefusedAddressError(`${hostname} resolves to ${refused.address}, a local or private address`);
      return callback(err as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/** The first 1 KB of an answer; the rest is not read. */
function firstBytes(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, RESPONSE_BYTES).toString('utf8'));
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Enough read: the connection is dropped rather than drained of a big answer.
      if ((size += chunk.length) >= RESPONSE_BYTES) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', done);
  });
}

/**
 * The default transport on Node: node:http(s) with the address check in the name lookup, a
 * timeout for the whole exchange, and no redirects (node:http follows none).
 */
export const nodeTransport: Transport = async (request, { allowPrivateNetworks, timeoutMs }) => {
  let url: URL;
  try {
    url = new URL(request.url);
    checkHost(url, allowPrivateNetworks);
  } catch (error) {
    return { status: null, body: '', error: describe(error) };
  }
  return new Promise((resolve) => {
    const https = url.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      ...(allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }),
      // A connection per attempt: a kept-alive one that the receiver closed while idle would fail
      // the next POST (which is not safe to resend), costing that delivery a backoff.
      agent: false,
    });
    let settled = false;
    const timer = setTimeout(() => {
      finish({ status: null, body: '', error: 'Timed out' });
      req.destroy();
    }, timeoutMs);
    function finish(answer: Awaited<ReturnType<Transport>>) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    }
    req.on('response', (res) => {
      void firstBytes(res).then((body) => finish({ status: res.statusCode ?? null, body }));
    });
    req.on('error', (error) => finish({ status: null, body: '', error: describe(error) }));
    req.end(request.body);
  });
};
