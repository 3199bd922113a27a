/** A request's path exactly as sent (not decoded, not normalised) and its query. */
export interface RequestTarget {
  path: string;
  query: URLSearchParams;
}

/**
 * Splits a request target of the origin form (`/path?query`); undefined for any other form
 * (`http://host/path`, `*`). The path is left as the client wrote it: the server matches it
 * against the exact URLs it hands out, so `..`, percent-encodings and backslashes match nothing.
 */
export function requestTarget(raw: string | undefined): RequestTarget | undefined {
  if (raw === undefined || !raw.startsWith('/')) return undefined;
  const mark = raw.indexOf('?');
  return mark < 0
    ? { path: raw, query: new URLSearchParams() }
    : { path: raw.slice(0, mark), query: new URLSearchParams(raw.slice(mark + 1)) };
}
