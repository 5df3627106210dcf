/**
 * Temporal lists workflows a page at a time with opaque `nextPageToken`s, not offsets. react-admin
 * asks for page numbers, so we remember, for each filter and page size, the token that opens each
 * page we have seen. Page 1 needs no token (`null`).
 */
export class WorkflowPageTokens {
  private readonly byQuery = new Map<string, Map<number, string | null>>();

  constructor(private readonly maxQueries = 50) {}

  /** The token that opens `page`; `undefined` when we have not reached that page yet. */
  tokenFor(queryKey: string, page: number): string | null | undefined {
    if (page <= 1) return null;
    return this.byQuery.get(queryKey)?.get(page);
  }

  /** The highest page below or at `page` whose token we know (at least page 1). */
  nearestKnownPage(queryKey: string, page: number): number {
    const tokens = this.byQuery.get(queryKey);
    for (let p = page; p > 1; p--) if (tokens?.has(p)) return p;
    return 1;
  }

  /** Remember the token of the page after `page`; `null` means `page` was the last one. */
  rememberNext(queryKey: string, page: number, nextPageToken: string | null): void {
    let tokens = this.byQuery.get(queryKey);
    if (!tokens) {
      tokens = new Map();
      this.byQuery.set(queryKey, tokens);
      if (this.byQuery.size > this.maxQueries) {
        const oldest = this.byQuery.keys().next().value;
        if (oldest !== undefined) this.byQuery.delete(oldest);
      }
    }
    if (nextPageToken) tokens.set(page + 1, nextPageToken);
    else for (const p of [...tokens.keys()]) if (p > page) tokens.delete(p);
  }
}
