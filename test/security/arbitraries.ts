/**
 * fast-check arbitraries from the OpenAPI document's JSON Schemas (the subset zod emits: type, enum,
 * oneOf/anyOf, properties/required/additionalProperties, items, lengths, bounds, pattern, format).
 * Values follow the schema most of the time, so requests get past validation into the use-cases, and
 * break it on purpose the rest: a wrong type, a missing required key, an unknown key, a boundary ± 1,
 * a hostile string. Fixture ids are mixed in wherever a property names an id, so valid-looking bodies
 * point at real objects.
 */
import fc from 'fast-check';
import type { JsonSchema } from './support.js';

export interface SchemaContext {
  components: Record<string, JsonSchema>;
  /** Real values by property or parameter name (personId, applicationIds, idNumber …). */
  known: Record<string, unknown[]>;
}

const MAX_DEPTH = 6;

/** Strings that have broken parsers, loggers and key builders elsewhere. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202E\u0041',
  '%00',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  '{"$gt":""}',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '#',
  'PK#person-zhangwei',
  'person-zhangwei#SK',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '2023-02-30',
  '9999-99-99',
  '0000-00-00',
  '2023-13-01',
  '43010219850312201X',
  '430102198503122013',
  '😀'.repeat(50),
  '中'.repeat(3000),
  'x'.repeat(70_000),
];

// 1e-9 and 0.100000001 passed a loose "one decimal" check once and earned 0 or 0.1 hours.
const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.1,
  0.05,
  1.25,
  1e-9,
  0.100000001,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  -1e308,
  5e-324,
  1e21,
];

/** Any JSON at all: the wrong type for whatever the schema wanted. */
const anyJson = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, ...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.jsonValue({ maxDepth: 3 }),
);

function resolve(schema: JsonSchema, ctx: SchemaContext): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  const target = ctx.components[name];
  if (!target) throw new Error(`unresolved ${ref}`);
  return resolve(target, ctx);
}

/** Where dates turn: 31 December and 1 January, month ends, 29 February (and the 29th of a common year). */
function edgeIsoDate(): fc.Arbitrary<string> {
  return fc
    .record({
      year: fc.integer({ min: 2015, max: 2030 }),
      month: fc.integer({ min: 1, max: 12 }),
      which: fc.constantFrom('first', 'last', 'feb29'),
    })
    .map(({ year, month, which }) => {
      const pad = (n: number) => String(n).padStart(2, '0');
      if (which === 'feb29') return `${year}-02-29`;
      if (which === 'first') return `${year}-${pad(month)}-01`;
      return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
    });
}

function isoDate(): fc.Arbitrary<string> {
  return fc.oneof(
    edgeIsoDate(),
    fc.date({ min: new Date('1950-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.date({ min: new Date('2015-01-01'), max: new Date('2026-11-20'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  );
}

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : 60;
  const shaped: fc.Arbitrary<string>[] = [];
  if (schema.format === 'date') shaped.push(isoDate());
  else if (schema.format === 'email') shaped.push(fc.emailAddress());
  else if (typeof schema.pattern === 'string') {
    try {
      shaped.push(fc.stringMatching(new RegExp(schema.pattern), { size: 'small' }));
    } catch {
      // A pattern fast-check cannot invert: free strings only.
    }
  }
  const length = fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40), unit: 'grapheme' });
  return fc.oneof(
    { weight: 6, arbitrary: shaped.length ? fc.oneof(...shaped) : length },
    { weight: 2, arbitrary: length },
    // Just past the bounds: where off-by-one lives.
    { weight: 1, arbitrary: fc.constantFrom('a'.repeat(maxLength + 1), minLength > 0 ? 'a'.repeat(minLength - 1) : 'a'.repeat(maxLength)) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  );
}

function numberArb(schema: JsonSchema): fc.Arbitrary<number> {
  const integer = schema.type === 'integer';
  const min =
    typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : -1000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : Math.max(min + 1000, 1000);
  const inRange = integer
    ? fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => Math.round(v * 100) / 100);
  return fc.oneof(
    { weight: 6, arbitrary: inRange },
    { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, min, max) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  );
}

function objectArb(schema: JsonSchema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const entries = Object.entries(properties).map(([name, prop]) => {
    const known = ctx.known[name];
    const value = known?.length
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: valueArb(prop, ctx, depth + 1) })
      : valueArb(prop, ctx, depth + 1);
    // Required keys are present 19 times in 20; optional ones half the time.
    const presence = required.has(name) ? fc.nat(19).map((n) => n > 0) : fc.boolean();
    return fc.tuple(fc.constant(name), presence, value);
  });
  const extra = fc.option(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'PK', 'version', 'tenant', 'role'), anyJson), {
    freq: 8,
  });
  return fc.tuple(fc.tuple(...entries), extra).map(([chosen, more]) => {
    const out: Record<string, unknown> = {};
    for (const [name, present, value] of chosen) if (present) out[name] = value;
    // defineProperty: a literal `__proto__` key must reach JSON.stringify as an own property.
    if (more) Object.defineProperty(out, more[0], { value: more[1], enumerable: true, configurable: true, writable: true });
    return out;
  });
}

export function valueArb(input: JsonSchema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(input, ctx);
  if (depth > MAX_DEPTH) return anyJson;
  const shaped = shapedArb(schema, ctx, depth);
  return fc.oneof({ weight: 12, arbitrary: shaped }, { weight: 1, arbitrary: anyJson });
}

function shapedArb(schema: JsonSchema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueArb(s, ctx, depth + 1)));
  if (Array.isArray(schema.enum))
    return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...(schema.enum as unknown[])) }, { weight: 1, arbitrary: stringArb({}) });
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string':
      return stringArb(schema);
    case 'integer':
    case 'number':
      return numberArb(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 10;
      // A few items as a rule (the body limit and the per-route caps are tested on their own).
      return fc.array(valueArb((schema.items ?? {}) as JsonSchema, ctx, depth + 1), {
        minLength,
        maxLength: Math.min(maxItems, minLength + 4),
      });
    }
    case 'object':
      return objectArb(schema, ctx, depth);
    default:
      return schema.properties ? objectArb(schema, ctx, depth) : anyJson;
  }
}

/** A query-string or path value: the schema's value as text, or hostile text. */
export function textArb(schema: JsonSchema, ctx: SchemaContext, name: string): fc.Arbitrary<string> {
  const known = ctx.known[name];
  const fromSchema = shapedArb(resolve(schema, ctx), ctx, 0).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
  return fc.oneof(
    ...(known?.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known.map(String)) }] : []),
    { weight: 4, arbitrary: fromSchema },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.map((s) => s.slice(0, 3000))) },
  );
}
