import type { z } from 'zod';

/**
 * What is wrong with a value, as a person reads it: zod's "Invalid input: expected string,
 * received number" as `expected a string, not 5`, a missing field as `missing (expected a list)`,
 * and zod's other messages with the value they were given. The value makes each
 * message its own: one bad value put in place of another is told again (messages are not
 * repeated as they stand).
 */
export function issueText(issue: z.core.$ZodIssue, root: unknown): string {
  let value = root;
  let missing = false;
  for (const key of issue.path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      missing = true;
      value = undefined;
      break;
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (issue.code === 'invalid_type') {
    const expected = `expected ${KIND_NAMES[issue.expected] ?? issue.expected}`;
    return missing || value === undefined ? `missing (${expected})` : `${expected}, not ${shown(value)}`;
  }
  // (Our own checks' messages name what they found.)
  if (issue.code === 'custom') return issue.message;
  if (issue.code === 'unrecognized_keys') return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => shown(k)).join(', ')}`;
  const message = plainWords(issue);
  if (missing) return `missing (${message})`;
  return value === undefined || /\breceived\b/.test(message) ? message : `${message}, not ${shown(value)}`;
}

/** zod's wording of a few common faults ("Invalid option: expected one of "a"|"b"") in ours. */
function plainWords(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      // (A message of the schema's own, `expected 1, 2 or 3`, is kept.)
      if (!issue.message.startsWith('Invalid')) return issue.message;
      return issue.values.length === 1 ? `expected ${shown(issue.values[0])}` : `expected ${issue.values.slice(0, -1).map((v) => shown(v)).join(', ')} or ${shown(issue.values[issue.values.length - 1])}`;
    case 'too_small':
    case 'too_big': {
      if (!/^Too (small|big)/.test(issue.message)) return issue.message;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const side = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
      const one = Number(bound) === 1;
      const unit = issue.origin === 'string' ? (one ? ' character' : ' characters') : issue.origin === 'array' || issue.origin === 'set' ? (one ? ' item' : ' items') : '';
      const what = issue.origin === 'string' ? 'a text of' : unit ? 'a list of' : 'a number';
      return `expected ${what} ${side} ${String(bound)}${unit}`;
    }
    case 'invalid_format':
      return issue.format === 'url' ? 'expected a URL' : issue.message;
    default:
      return issue.message;
  }
}

/** Most characters of one problem: text taken from a file (a key, a name) can be of any length. */
const MAX_PROBLEM = 240;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A problem as one line of a message: control characters (a newline in a key) written as escapes,
 * and a long one cut short.
 */
export function oneLine(text: string): string {
  // (And the marks that turn text right to left, which would show the message in another order.)
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return line.length > MAX_PROBLEM ? `${line.slice(0, MAX_PROBLEM - 1)}…` : line;
}

const KIND_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  record: 'an object',
  object: 'an object',
  array: 'a list',
};

/** A value as a person reads it in a message: JSON, cut short. */
export function shown(v: unknown): string {
  let text: string;
  if (typeof v === 'number' && !Number.isFinite(v)) text = String(v);
  else {
    try {
      text = JSON.stringify(v) ?? String(v);
    } catch {
      // (A list nested thousands deep overflows JSON.stringify's stack, and String's too.)
      text = Array.isArray(v) ? 'a list' : typeof v === 'object' && v !== null ? 'an object' : typeof v;
    }
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
