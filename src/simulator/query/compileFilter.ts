import { QUERY_TYPES, type QueryFieldDef, type QueryTypeDef } from "./queryTypes.js";
import { SimulatorQueryError } from "./SimulatorQueryError.js";

export { SimulatorQueryError };

/** A compiled filter: true when the row is selected. */
export type RowPredicate = (row: Readonly<Record<string, unknown>>) => boolean;

/**
 * Compiles an EM query filter (already URL-decoded) for a query type into a row predicate.
 *
 * Grammar (EM's FIQL-like syntax; AND binds tighter than OR, an inference the reference marks UNCONFIRMED):
 *
 *     or         := and ( "," and )*
 *     and        := term ( ";" term )*
 *     term       := "(" or ")" | comparison
 *     comparison := field op value        op := "==" | "!=" | "<" | ">" | "<=" | ">="
 *     value      := '"' ( any char except '"' | '""' )* '"' | unquoted text up to ";" "," ")" or the end
 *
 * Whitespace outside quoted values is dropped (so spaces inside an unquoted value vanish, as EM does).
 * Field names, enum values and booleans are case-insensitive; the type name too.
 *
 * Semantics:
 * - Rows are keyed by the canonical field names of the reference's §5 (`CreationTime` for replica types,
 *   `CreationTimeUTC` for CDP types, `Id` for CDP types, `UID` for the others); aliases accepted by the
 *   parser resolve to the canonical key.
 * - Strings compare case-insensitively: `String.prototype.toLowerCase()` on both sides, then JavaScript's
 *   UTF-16 code-unit order for `<`/`>`.
 * - UID fields accept a bare GUID or any `urn:…:<guid>`; only the GUID part is compared (case-insensitive).
 * - DateTime literals: `yyyy-MM-dd` (midnight UTC) or `yyyy-MM-ddTHH:mm[:ss[.fffffff]][Z]`, always UTC;
 *   row values may be `Date` (an `EmTime` keeps sub-millisecond ticks) or ISO strings.
 * - Enums compare by ordinal in the lists of `queryTypes.ts`; Long fields compare as integers (exact,
 *   via BigInt); Booleans `true`/`false` (false < true).
 * - SQL three-valued logic: any comparison with an absent value (`null`/`undefined`) is false, `!=`
 *   included; an empty string is a present value.
 *
 * @throws SimulatorQueryError for an unknown type, an unknown field, a syntax error (message gives the
 *   1-based position) or a value the field's type cannot hold. An empty filter is a syntax error; callers
 *   that treat `filter=` as "no filter" must check before calling.
 */
export function compileFilter(queryType: string, filterText: string): RowPredicate {
  const type = QUERY_TYPES.get(queryType.toLowerCase());
  if (!type) throw new SimulatorQueryError(`Unknown query type "${queryType}".`);
  return new FilterParser(type, filterText).parse();
}

type Op = "==" | "!=" | "<" | ">" | "<=" | ">=";

const WS = /\s/;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;
const FIELD_CHAR = /[A-Za-z0-9_]/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_LITERAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z)?)?$/i;

class FilterParser {
  private pos = 0;

  constructor(
    private readonly type: QueryTypeDef,
    private readonly text: string,
  ) {}

  parse(): RowPredicate {
    this.skipWs();
    if (this.pos >= this.text.length) throw this.error("Filter is empty");
    const predicate = this.parseOr();
    this.skipWs();
    if (this.pos < this.text.length) {
      throw this.error(`Unexpected "${this.text[this.pos]}"`);
    }
    return predicate;
  }

  private parseOr(): RowPredicate {
    const parts = [this.parseAnd()];
    while (this.peek() === ",") {
      this.pos++;
      parts.push(this.parseAnd());
    }
    if (parts.length === 1) return parts[0];
    return (row) => {
      for (const part of parts) if (part(row)) return true;
      return false;
    };
  }

  private parseAnd(): RowPredicate {
    const parts = [this.parseTerm()];
    while (this.peek() === ";") {
      this.pos++;
      parts.push(this.parseTerm());
    }
    if (parts.length === 1) return parts[0];
    return (row) => {
      for (const part of parts) if (!part(row)) return false;
      return true;
    };
  }

  private parseTerm(): RowPredicate {
    if (this.peek() === "(") {
      this.pos++;
      const inner = this.parseOr();
      if (this.peek() !== ")") throw this.error('Expected ")"');
      this.pos++;
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): RowPredicate {
    this.skipWs();
    const start = this.pos;
    while (this.pos < this.text.length && FIELD_CHAR.test(this.text[this.pos])) this.pos++;
    const fieldName = this.text.slice(start, this.pos);
    if (!fieldName) {
      throw this.error(
        this.pos >= this.text.length ? "Expected a field name but the filter ended" : `Expected a field name`,
      );
    }
    const field = this.type.byLowerName.get(fieldName.toLowerCase());
    if (!field) {
      throw new SimulatorQueryError(
        `Unknown field "${fieldName}" for query type ${this.type.name} at position ${start + 1}.`,
        start + 1,
      );
    }
    const op = this.parseOp();
    const valueStart = this.pos;
    const raw = this.parseValue();
    return compileComparison(field, op, raw, valueStart + 1);
  }

  private parseOp(): Op {
    this.skipWs();
    const two = this.text.slice(this.pos, this.pos + 2);
    if (two === "==" || two === "!=" || two === "<=" || two === ">=") {
      this.pos += 2;
      return two;
    }
    const one = this.text[this.pos];
    if (one === "<" || one === ">") {
      this.pos++;
      return one;
    }
    throw this.error(
      one === undefined
        ? "Expected a comparison operator but the filter ended"
        : "Expected a comparison operator",
    );
  }

  private parseValue(): string {
    this.skipWs();
    if (this.text[this.pos] === '"') {
      const open = this.pos;
      this.pos++;
      let value = "";
      for (;;) {
        const quote = this.text.indexOf('"', this.pos);
        if (quote < 0) {
          throw new SimulatorQueryError(
            `Unterminated quoted value starting at position ${open + 1}.`,
            open + 1,
          );
        }
        value += this.text.slice(this.pos, quote);
        if (this.text[quote + 1] === '"') {
          value += '"';
          this.pos = quote + 2;
          continue;
        }
        this.pos = quote + 1;
        return value;
      }
    }
    let value = "";
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === ";" || ch === "," || ch === ")") break;
      if (ch === '"' || ch === "(") throw this.error(`Unexpected "${ch}" in an unquoted value`);
      if (!WS.test(ch)) value += ch;
      this.pos++;
    }
    if (!value) throw this.error("Expected a value");
    return value;
  }

  private peek(): string | undefined {
    this.skipWs();
    return this.text[this.pos];
  }

  private skipWs(): void {
    while (this.pos < this.text.length && WS.test(this.text[this.pos])) this.pos++;
  }

  private error(what: string): SimulatorQueryError {
    const at = this.pos + 1;
    return new SimulatorQueryError(`Filter syntax error at position ${at}: ${what}.`, at);
  }
}

/** -1, 0 or 1, or undefined when the row value is absent or unusable (SQL NULL). */
type Comparer = (rowValue: unknown) => number | undefined;

function compileComparison(field: QueryFieldDef, op: Op, raw: string, position: number): RowPredicate {
  const key = field.name;
  if (field.kind === "string" && (op === "==" || op === "!=")) {
    // The hot path of most filters: equality without allocating lower-cased copies of every row value.
    const literal = raw.toLowerCase();
    const want = op === "==";
    return (row) => {
      const value = row[key];
      if (value === undefined || value === null) return false;
      return equalsIgnoringCase(typeof value === "string" ? value : String(value), literal) === want;
    };
  }
  const compare = compileComparer(field, raw, position);
  const accept = ACCEPT[op];
  return (row) => {
    const value = row[key];
    if (value === undefined || value === null) return false;
    const order = compare(value);
    return order !== undefined && accept(order);
  };
}

const ACCEPT: Record<Op, (order: number) => boolean> = {
  "==": (o) => o === 0,
  "!=": (o) => o !== 0,
  "<": (o) => o < 0,
  ">": (o) => o > 0,
  "<=": (o) => o <= 0,
  ">=": (o) => o >= 0,
};

const sign = (a: number | bigint, b: number | bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `text.toLowerCase() === lowerLiteral`, with an allocation-free loop while both sides are ASCII. A
 * length mismatch is decisive only for an ASCII literal: the one character whose lower case is longer
 * (U+0130) lowers to non-ASCII text, so it can never equal an ASCII literal.
 */
function equalsIgnoringCase(text: string, lowerLiteral: string): boolean {
  const n = lowerLiteral.length;
  if (text.length !== n) return ASCII.test(lowerLiteral) ? false : text.toLowerCase() === lowerLiteral;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    const l = lowerLiteral.charCodeAt(i);
    if (c > 127 || l > 127) return text.toLowerCase() === lowerLiteral;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== l) return false;
  }
  return true;
}

function badValue(
  field: QueryFieldDef,
  raw: string,
  expected: string,
  position: number,
): SimulatorQueryError {
  return new SimulatorQueryError(
    `Invalid value "${raw}" for field ${field.name} at position ${position}: expected ${expected}.`,
    position,
  );
}

function compileComparer(field: QueryFieldDef, raw: string, position: number): Comparer {
  switch (field.kind) {
    case "string": {
      const literal = raw.toLowerCase();
      return (value) => {
        const text = (typeof value === "string" ? value : String(value)).toLowerCase();
        return text < literal ? -1 : text > literal ? 1 : 0;
      };
    }
    case "uid": {
      const guid = uidGuid(raw);
      if (!GUID.test(guid)) throw badValue(field, raw, "a GUID or a urn:veeam:<Type>:<GUID> UID", position);
      const literal = guid.toLowerCase();
      return (value) => {
        if (typeof value !== "string") return undefined;
        const text = uidGuid(value).toLowerCase();
        return text < literal ? -1 : text > literal ? 1 : 0;
      };
    }
    case "long": {
      if (!/^[-+]?\d+$/.test(raw)) throw badValue(field, raw, "an integer", position);
      const literal = BigInt(raw);
      const small = Number(raw);
      if (Number.isSafeInteger(small)) {
        return (value) => {
          if (typeof value === "number" && Number.isSafeInteger(value)) return sign(value, small);
          if (typeof value === "bigint") return sign(value, literal);
          if (typeof value === "number" && Number.isFinite(value)) return sign(value, small);
          if (typeof value === "string" && /^[-+]?\d+$/.test(value.trim()))
            return sign(BigInt(value.trim()), literal);
          return undefined;
        };
      }
      return (value) => {
        if (typeof value === "bigint") return sign(value, literal);
        if (typeof value === "number" && Number.isFinite(value)) {
          return Number.isInteger(value) ? sign(BigInt(value), literal) : sign(value, Number(literal));
        }
        if (typeof value === "string" && /^[-+]?\d+$/.test(value.trim()))
          return sign(BigInt(value.trim()), literal);
        return undefined;
      };
    }
    case "dateTime": {
      const literal = parseDateLiteral(raw);
      if (!literal) {
        throw badValue(
          field,
          raw,
          "a UTC date (yyyy-MM-dd) or date and time (yyyy-MM-ddTHH:mm:ss[.f][Z])",
          position,
        );
      }
      const [ms, ticks] = literal;
      return (value) => {
        if (value instanceof Date) {
          const t = value.getTime();
          if (t !== ms) return Number.isNaN(t) ? undefined : t < ms ? -1 : 1;
          const rowTicks = (value as { ticks?: unknown }).ticks;
          return sign(typeof rowTicks === "number" ? rowTicks : 0, ticks);
        }
        const time = rowTime(value);
        if (!time) return undefined;
        return time[0] !== ms ? sign(time[0], ms) : sign(time[1], ticks);
      };
    }
    case "boolean": {
      const lower = raw.toLowerCase();
      if (lower !== "true" && lower !== "false") throw badValue(field, raw, "true or false", position);
      const literal = lower === "true" ? 1 : 0;
      return (value) => {
        let bit: number;
        if (typeof value === "boolean") bit = value ? 1 : 0;
        else if (typeof value === "string" && /^(true|false)$/i.test(value))
          bit = value.toLowerCase() === "true" ? 1 : 0;
        else return undefined;
        return sign(bit, literal);
      };
    }
    case "enum": {
      const values = field.values ?? [];
      const lowerValues = values.map((v) => v.toLowerCase());
      const literal = lowerValues.indexOf(raw.toLowerCase());
      if (literal < 0) throw badValue(field, raw, `one of ${values.join(", ")}`, position);
      const exact = new Map(values.map((v, i) => [v, i]));
      return (value) => {
        if (typeof value !== "string") return undefined;
        const index = exact.get(value) ?? lowerValues.indexOf(value.toLowerCase());
        return index < 0 ? undefined : sign(index, literal);
      };
    }
  }
}

function uidGuid(text: string): string {
  const colon = text.lastIndexOf(":");
  return colon < 0 ? text : text.slice(colon + 1);
}

/** [epoch ms, 100 ns ticks within the millisecond] of a filter literal, or undefined when malformed. */
function parseDateLiteral(raw: string): [number, number] | undefined {
  const m = DATE_LITERAL.exec(raw);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year literally, as .NET does.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  const ms = date.getTime();
  if (date.getUTCDate() !== day || year < 1) return undefined;
  const fraction = (m[7] ?? "").slice(0, 7).padEnd(7, "0");
  const ticks = Number(fraction);
  return [ms + Math.floor(ticks / 10000), ticks % 10000];
}

function rowTime(value: unknown): [number, number] | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return undefined;
    const ticks = (value as { ticks?: unknown }).ticks;
    return [ms, typeof ticks === "number" ? ticks : 0];
  }
  if (typeof value === "string") {
    const parsed = parseDateLiteral(value.replace(/Z$/i, "")) ?? undefined;
    if (parsed) return parsed;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : [ms, 0];
  }
  if (typeof value === "number" && Number.isFinite(value)) return [value, 0];
  return undefined;
}
