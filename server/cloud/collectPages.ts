/**
 * Follows a paged list to its end. Every page is its own call (with its own timeout, counted in the
 * import's statistics); an endpoint that hands back the same token twice is stopped rather than
 * followed forever.
 */
export interface Page<T> {
  items: readonly T[] | undefined;
  /** The token or link of the next page; absent or empty on the last page. */
  next?: string | undefined;
}

export async function collectPages<T>(fetchPage: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    out.push(...(page.items ?? []));
    if (!page.next || seen.has(page.next)) return out;
    seen.add(page.next);
    token = page.next;
  }
}
