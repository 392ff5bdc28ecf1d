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
  // (Our own checks' messages name what they found; an unknown key's names the key.)
  if (issue.code === 'custom' || issue.code === 'unrecognized_keys') return issue.message;
  if (missing) return `missing (${issue.message})`;
  return value === undefined || /\breceived\b/.test(issue.message) ? issue.message : `${issue.message}, not ${shown(value)}`;
}

/** Most characters of one problem: text taken from a file (a key, a name) can be of any length. */
const MAX_PROBLEM = 240;

/**
 * A problem as one line of a message: control characters (a newline in a key) written as escapes,
 * and a long one cut short.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
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
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
