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
  if (missing) return `missing (${issue.message})`;
  // (A value, not a row or a table: an unknown key's message names the key.)
  const leaf = value === null || (typeof value !== 'object' && value !== undefined);
  return !leaf || /\breceived\b/.test(issue.message) ? issue.message : `${issue.message}, not ${shown(value)}`;
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
