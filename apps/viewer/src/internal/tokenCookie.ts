/**
 * The cookie that carries the access token after the first request, so that what the page loads by
 * itself (scripts, the worker, wasm, volumes) carries it too. Cookies are per host, not per port: the
 * name holds the port so that two viewers on one machine do not overwrite each other's.
 */
export function tokenCookieName(port: number): string {
  return `nnunet_viewer_${port}`;
}

/**
 * The Set-Cookie value: HttpOnly (the page's scripts never see it), SameSite=Strict (no other site
 * can make the browser send it), for the whole server and for this browser session only.
 */
export function tokenCookie(name: string, token: string): string {
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The values of the cookies called `name` in a Cookie header (several when paths differ). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) return [];
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
}
