import { CLOUDFRONT_LOG_PREFIXES } from '../../shared/contract.js';

/**
 * CloudFront standard logs (one tab-separated line per request under a `#Fields:` header) record the
 * query string of every request (`cs-uri-query`) and the full Referer, which carries the query of the
 * page that made the request: certificate verification codes (`/verify/…?code=`), name searches
 * (`/v1/people?q=`) and paging cursors (base64 of keys that hold names). No CloudFront setting leaves
 * them out of the legacy logs, in either partition, so every file is rewritten on arrival.
 */

/** The legacy format's field order, used when a file has no `#Fields:` line. */
const DEFAULT_FIELDS = [
  'date',
  'time',
  'x-edge-location',
  'sc-bytes',
  'c-ip',
  'cs-method',
  'cs(Host)',
  'cs-uri-stem',
  'sc-status',
  'cs(Referer)',
  'cs(User-Agent)',
  'cs-uri-query',
  'cs(Cookie)',
];

/** Fields emptied outright: the query string, and cookies (never logged by our distributions, emptied if ever). */
const DROPPED = new Set(['cs-uri-query', 'cs(Cookie)']);
/** Fields holding a URL whose query and fragment go. */
const URL_FIELDS = new Set(['cs(Referer)']);

/** A URL as CloudFront logs it (possibly percent-encoded) without its query string or fragment. */
export function withoutQuery(url: string): string {
  const cut = url.search(/\?|#|%3F|%23/i);
  return cut === -1 ? url : url.slice(0, cut);
}

/** One log file's text with every query string and cookie replaced by `-` and referrers cut to their path. */
export function scrubCloudFrontLog(text: string): string {
  let fields = DEFAULT_FIELDS;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('#')) {
        if (line.startsWith('#Fields:')) fields = line.slice('#Fields:'.length).trim().split(/\s+/);
        return line;
      }
      if (line.trim() === '') return line;
      return line
        .split('\t')
        .map((value, i) => {
          const name = fields[i];
          if (name && DROPPED.has(name)) return '-';
          if (name && URL_FIELDS.has(name)) return withoutQuery(value);
          return value;
        })
        .join('\t');
    })
    .join('\n');
}

/** Where a raw log file's scrubbed copy goes (the same name under the kept prefix); undefined for other keys. */
export function scrubbedLogKey(rawKey: string): string | undefined {
  if (!rawKey.startsWith(CLOUDFRONT_LOG_PREFIXES.raw)) return undefined;
  const name = rawKey.slice(CLOUDFRONT_LOG_PREFIXES.raw.length);
  return name === '' ? undefined : `${CLOUDFRONT_LOG_PREFIXES.scrubbed}${name}`;
}
