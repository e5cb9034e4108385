// Fetching a file (a conference's published schedule) from a web address an organizer gave. The
// server reaches out only for an organizer who asked it to, over http(s), within a time limit and
// a size cap, and not into private or local networks (the venue router, a cloud's metadata
// service, this laptop) unless ALLOW_PRIVATE_FETCH says so. The address is checked when the
// connection is made, after every DNS answer and redirect, so a name that resolves to a private
// address later is refused too.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export type FetchPolicy = {
  /** fetch from loopback, private and link-local addresses too (a conference system on the LAN) */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
};

export type RemoteFile = { bytes: Uint8Array; filename: string; url: string };
export type FetchResult = ({ ok: true } & RemoteFile) | { ok: false; message: string };

const maxRedirects = 3;

const privateRanges = (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ];
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  // ::/127 is the unspecified and loopback addresses; BlockList checks IPv4-mapped ones against the IPv4 rules
  const v6: [string, number][] = [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]];
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
})();

/** Loopback, private, link-local, carrier-grade NAT, multicast or reserved: not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

class Refusal extends Error {}

function guardedLookup(policy: FetchPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const blocked = addresses.find((a) => isPrivateAddress(a.address));
      if (blocked && !policy.allowPrivate) {
        return callback(new Refusal(`${hostname} is in a private or local network (${blocked.address}).`), '', 0);
      }
      if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Refusal(`${hostname} has no address.`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

const megabytes = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} seconds` : `${ms} ms`);

/** The name the file goes by, for telling formats apart: the last part of the path, or one from its type. */
function filenameOf(url: URL, contentType: string): string {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (/\.[a-z0-9]+$/i.test(last)) return last;
  if (/text\/csv/i.test(contentType)) return 'download.csv';
  if (/text\/calendar/i.test(contentType)) return 'download.ics';
  return last || url.hostname;
}

type Hop = { redirect: string } | ({ ok: true } & RemoteFile);

function getOnce(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(url, { lookup: guardedLookup(policy), signal, headers: { Accept: '*/*', 'User-Agent': 'Buddydesk program import' } });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ redirect: res.headers.location });
      }
      if (status < 200 || status >= 300) {
        res.resume();
        return reject(new Refusal(`The server answered ${status} ${res.statusMessage ?? ''}`.trim() + '.'));
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > policy.maxBytes) {
        res.destroy();
        return reject(new Refusal(`The file is larger than ${megabytes(policy.maxBytes)}.`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > policy.maxBytes) {
          res.destroy();
          reject(new Refusal(`The file is larger than ${megabytes(policy.maxBytes)}.`));
        } else chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () =>
        resolve({ ok: true, bytes: new Uint8Array(Buffer.concat(chunks)), filename: filenameOf(url, res.headers['content-type'] ?? ''), url: url.href }),
      );
    });
  });
}

function checkAddress(url: URL, policy: FetchPolicy): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http:// and https:// addresses can be fetched.';
  if (url.username || url.password) return 'Give the address without a user name or password in it.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // an address written as digits never goes through the DNS lookup, so it is checked here
  if (!policy.allowPrivate && isPrivateAddress(host)) return `${host} is in a private or local network.`;
  return undefined;
}

const privateAdvice = ' Buddydesk does not fetch from private or local networks; download the file and upload it instead.';

/** The file at `address`, following a few redirects, or one sentence saying why not. */
export async function fetchRemoteFile(address: string, policy: FetchPolicy): Promise<FetchResult> {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { ok: false, message: 'That is not a web address such as https://pretalx.example.org/conf/schedule/export/schedule.json.' };
  }
  const signal = AbortSignal.timeout(policy.timeoutMs);
  try {
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const problem = checkAddress(url, policy);
      if (problem) return { ok: false, message: problem.includes('private') ? problem + privateAdvice : problem };
      const answer = await getOnce(url, policy, signal);
      if ('ok' in answer) return answer;
      url = new URL(answer.redirect, url);
    }
    return { ok: false, message: `The address redirects more than ${maxRedirects} times.` };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, message: err.message.includes('private') ? err.message + privateAdvice : err.message };
    if (signal.aborted) return { ok: false, message: `${url.host} did not send the file within ${seconds(policy.timeoutMs)}.` };
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { ok: false, message: `There is no server called ${url.hostname}.` };
    if (code === 'ECONNREFUSED') return { ok: false, message: `${url.host} refused the connection.` };
    return { ok: false, message: `The file could not be fetched from ${url.host}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
