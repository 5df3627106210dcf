import {
  buildVisibilityQuery,
  decodePageToken,
  encodePageToken,
  groupByStatusQuery,
  quote,
  toQueryTime,
  withStatus,
} from './visibilityQuery';

/**
 * Reads a visibility query the way Temporal's SQL parser (MySQL dialect) tokenises string literals:
 * backslash escapes and doubled quotes inside '…' or "…". Returns the literals and the text
 * outside them, so a test can see whether a value stayed inside its literal.
 */
function tokenise(query: string): { literals: string[]; outside: string } {
  const decode: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0', Z: '\x1a', b: '\b' };
  const literals: string[] = [];
  let outside = '';
  for (let i = 0; i < query.length; ) {
    const ch = query[i]!;
    if (ch !== "'" && ch !== '"') {
      outside += ch;
      i++;
      continue;
    }
    let value = '';
    i++;
    for (;;) {
      if (i >= query.length) throw new Error(`unterminated literal in ${query}`);
      const c = query[i]!;
      if (c === '\\') {
        const next = query[i + 1]!;
        value += decode[next] ?? next;
        i += 2;
      } else if (c === ch && query[i + 1] === ch) {
        value += ch;
        i += 2;
      } else if (c === ch) {
        i++;
        break;
      } else {
        value += c;
        i++;
      }
    }
    literals.push(value);
    outside += '?';
  }
  return { literals, outside };
}

describe('quote', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['say "hi"', "'say \\\"hi\\\"'"],
    ['line\nbreak\ttab\rreturn', "'line\\nbreak\\ttab\\rreturn'"],
    ['', "''"],
  ])('quotes %j as %s', (value, literal) => {
    expect(quote(value)).toBe(literal);
  });

  it.each([
    "x' OR WorkflowType = 'anything",
    "x\\' OR 1=1 OR CaseType = '",
    'ends with a backslash\\',
    "'; DROP TABLE executions; --",
    "\\\\'\\'' '' \"\" \\",
    "x') OR (ExecutionStatus = 'Running",
    'null\0byte and \x1a ctrl-z',
  ])('keeps %j inside one literal that reads back as itself', (value) => {
    const { literals, outside } = tokenise(`CaseType = ${quote(value)}`);
    expect(literals).toEqual([value]);
    expect(outside).toBe('CaseType = ?');
  });
});

describe('buildVisibilityQuery', () => {
  it('is empty without filters (all workflows)', () => {
    expect(buildVisibilityQuery({})).toBe('');
  });

  it('turns each filter into its clause', () => {
    expect(buildVisibilityQuery({ type: 'ContactCheckWorkflow' })).toBe("WorkflowType = 'ContactCheckWorkflow'");
    expect(buildVisibilityQuery({ status: 'TimedOut' })).toBe("ExecutionStatus = 'TimedOut'");
    expect(buildVisibilityQuery({ workflowIdPrefix: 'request-' })).toBe("WorkflowId STARTS_WITH 'request-'");
    expect(buildVisibilityQuery({ caseType: 'request' })).toBe("CaseType = 'request'");
    expect(buildVisibilityQuery({ caseStatus: 'open' })).toBe("CaseStatus = 'open'");
    expect(buildVisibilityQuery({ countryCode: 'DK' })).toBe("CountryCode = 'DK'");
    expect(buildVisibilityQuery({ authorityId: 'authority-7' })).toBe("AuthorityIds = 'authority-7'");
    expect(buildVisibilityQuery({ deadlineBefore: '2026-12-09' })).toBe("CaseDeadline < '2026-12-09T00:00:00.000Z'");
    expect(buildVisibilityQuery({ deadlineAfter: '2026-12-09T10:00:00+01:00' })).toBe("CaseDeadline > '2026-12-09T09:00:00.000Z'");
    expect(buildVisibilityQuery({ startedFrom: '2026-01-01' })).toBe("StartTime >= '2026-01-01T00:00:00.000Z'");
    expect(buildVisibilityQuery({ startedTo: '2026-01-31T23:59:59Z' })).toBe("StartTime <= '2026-01-31T23:59:59.000Z'");
  });

  it('combines filters with AND in a stable order', () => {
    expect(
      buildVisibilityQuery({
        startedFrom: '2026-01-01',
        countryCode: 'DK',
        status: 'Running',
        type: 'RequestWorkflow',
        deadlineBefore: '2026-02-01',
      }),
    ).toBe(
      "WorkflowType = 'RequestWorkflow' AND ExecutionStatus = 'Running' AND CountryCode = 'DK' AND CaseDeadline < '2026-02-01T00:00:00.000Z' AND StartTime >= '2026-01-01T00:00:00.000Z'",
    );
  });

  it('passes an expert query alone through unchanged, and parenthesises it beside other filters', () => {
    expect(buildVisibilityQuery({ query: "  CaseStatus = 'open' ORDER BY StartTime DESC " })).toBe(
      "CaseStatus = 'open' ORDER BY StartTime DESC",
    );
    expect(buildVisibilityQuery({ countryCode: 'DK', query: "CaseStatus = 'open' OR CaseStatus = 'overdue'" })).toBe(
      "CountryCode = 'DK' AND (CaseStatus = 'open' OR CaseStatus = 'overdue')",
    );
  });

  it('cannot be widened by a value that tries to close its literal', () => {
    const attempts = {
      type: "x' OR WorkflowType != '",
      caseType: "x\\' OR 1=1 OR CaseType = '",
      caseStatus: "open') OR ('1' = '1",
      countryCode: 'DK\\',
      authorityId: "a\" OR AuthorityIds != \"b",
      workflowIdPrefix: "request-' OR WorkflowId STARTS_WITH '",
    };
    const query = buildVisibilityQuery(attempts);
    const { literals, outside } = tokenise(query);
    const { type, workflowIdPrefix, caseType, caseStatus, countryCode, authorityId } = attempts;
    expect(literals).toEqual([type, workflowIdPrefix, caseType, caseStatus, countryCode, authorityId]);
    expect(outside).toBe(
      'WorkflowType = ? AND WorkflowId STARTS_WITH ? AND CaseType = ? AND CaseStatus = ? AND CountryCode = ? AND AuthorityIds = ?',
    );
  });
});

describe('toQueryTime', () => {
  it('reads dates as midnight UTC and date-times as their instant', () => {
    expect(toQueryTime('2026-12-09')).toBe('2026-12-09T00:00:00.000Z');
    expect(toQueryTime('2026-12-09T10:00:00-05:00')).toBe('2026-12-09T15:00:00.000Z');
  });
  it('refuses what is not a time', () => {
    expect(() => toQueryTime("2026' OR '1'='1")).toThrow(RangeError);
  });
});

describe('counting queries', () => {
  it('groups by status, with or without filters', () => {
    expect(groupByStatusQuery('')).toBe('GROUP BY ExecutionStatus');
    expect(groupByStatusQuery("CaseType = 'request'")).toBe("CaseType = 'request' GROUP BY ExecutionStatus");
  });
  it('narrows to one status for the fallback', () => {
    expect(withStatus('', 'Failed')).toBe("ExecutionStatus = 'Failed'");
    expect(withStatus("A = 'x' OR B = 'y'", 'Failed')).toBe("(A = 'x' OR B = 'y') AND ExecutionStatus = 'Failed'");
  });
});

describe('page tokens', () => {
  const query = "CaseType = 'request'";
  it('round-trip as URL-safe text for the same query', () => {
    const token = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255, 62, 63]);
    const text = encodePageToken(token, query)!;
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(text, query)).toEqual(token);
  });
  it('are refused for another query, or when not ours at all', () => {
    const text = encodePageToken(new Uint8Array([1, 2, 3]), query)!;
    expect(decodePageToken(text, "CaseType = 'alert'")).toBeUndefined();
    expect(decodePageToken(text, '')).toBeUndefined();
    expect(decodePageToken(Buffer.from('garbage-token').toString('base64url'), query)).toBeUndefined();
    expect(decodePageToken('not+base64/url', query)).toBeUndefined();
    expect(decodePageToken('', query)).toBeUndefined();
  });
  it('are null on the last page', () => {
    expect(encodePageToken(new Uint8Array(), query)).toBeNull();
    expect(encodePageToken(null, query)).toBeNull();
  });
});
