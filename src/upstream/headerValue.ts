/** Response headers as undici returns them (lower-case names, repeated headers as arrays). */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The first value of header `name`, matched case-insensitively. undici already lower-cases names; the
 * scan is for EM's `X-RestSvcSessionId`, whose case community clients report as inconsistent, and for
 * headers built by hand in tests.
 */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = headers[key];
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
