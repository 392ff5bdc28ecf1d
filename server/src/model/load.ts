import type { ModelData } from './schema';
import builtinData from '../../../data/platforms.json';
import { TierModel } from './query';
import { LineIndex } from '../lineIndex';
import { issueText, oneLine } from './issueText';

/** A model file that could not be used: what is wrong, field by field. Never thrown. */
export interface ModelError {
  file: string;
  problems: string[];
}

export type ModelResult = { ok: true; model: TierModel } | { ok: false; error: ModelError };

/** Largest model file read; a model is a few KB, anything near this is not one. */
export const MAX_MODEL_BYTES = 1024 * 1024;

let builtin: TierModel | undefined;

/**
 * The model shipped with the server, transcribed from the source document. It is validated
 * against the schema by the test suite, so loading it needs no zod (which costs start-up time).
 */
export function builtinModel(): TierModel {
  builtin ??= new TierModel(builtinData as ModelData);
  return builtin;
}

/** zod and the schema, loaded on first use: only a user's model file needs them. */
function schema(): typeof import('./schema') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./schema') as typeof import('./schema');
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}

/** What jsonc-parser's error codes mean, said for a person. */
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'not a number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected }',
  CloseBracketExpected: 'expected ]',
  EndOfFileExpected: 'expected the end of the file',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a bad \\u escape',
  InvalidEscapeCharacter: 'a bad escape',
  InvalidCharacter: 'a control character in a string',
};

/**
 * Where and why a model file is not JSON, as `line 12, column 5: expected a comma`. JSON.parse
 * says neither in a usable way (an offset, or the text itself quoted over many lines), so
 * jsonc-parser, loaded only now, finds the first error.
 */
function jsonError(text: string, e: Error): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jsonc = require('jsonc-parser') as typeof import('jsonc-parser');
    const errors: import('jsonc-parser').ParseError[] = [];
    jsonc.parse(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    if (errors.length > 0) {
      const { error, length } = errors[0];
      let { offset } = errors[0];
      const name = jsonc.printParseErrorCode(error);
      // jsonc-parser places a control character in a string at the string's start: point at it.
      if (name === 'InvalidCharacter') {
        for (let i = offset; i < offset + length; i++) {
          if (body.charCodeAt(i) < 0x20) {
            offset = i;
            break;
          }
        }
      }
      const at = new LineIndex(body).position(offset);
      return `line ${at.line + 1}, column ${at.character + 1}: ${JSON_ERRORS[name] ?? name}`;
    }
  } catch {
    /* said below, as JSON.parse says it */
  }
  if (body.trim() === '') return 'the file is empty';
  return e.message.split('\n')[0];
}

/** Parses and validates a model file's text. `file` only names it in messages. */
export function parseModel(text: string, file: string): ModelResult {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return refused(file, [`not valid JSON: ${jsonError(text, e as Error)}`]);
  }
  // JSON.parse keeps the last of two equal keys: a second `"platforms": []` would empty the table
  // without a word.
  const repeated = repeatedKeys(text);
  if (repeated.length > 0) return refused(file, capped(grouped(repeated)));
  const result = schema().modelSchema.safeParse(json);
  if (!result.success) {
    return refused(file, capped(grouped(result.error.issues.map((issue) => [formatPath(issue.path), issueText(issue, json)]))));
  }
  return { ok: true, model: new TierModel(result.data as ModelData) };
}

/** Keys given twice that are looked for in one model file. */
const MAX_REPEATS = 1000;

/** A refused model file, each problem one line (text of the file's may hold anything). */
function refused(file: string, problems: string[]): ModelResult {
  return { ok: false, error: { file, problems: problems.map(oneLine) } };
}

/** Most problems said of one model file: a message is one line in an editor's notification. */
const MAX_PROBLEMS = 12;

/**
 * One problem said once for every row it is in: `platforms[0].id: missing (expected a string);
 * the same in 10 more rows`, not eleven times.
 */
function grouped(problems: [path: string, text: string][]): string[] {
  const groups = new Map<string, { path: string; text: string; more: number }>();
  for (const [path, text] of problems) {
    // (Where in the file a repeat is differs from row to row: it is not part of the fault.)
    const key = `${path.replace(/\[\d+\]/g, '[]')}\u0000${text.replace(/ \(line \d+, column \d+\)/, '')}`;
    const group = groups.get(key);
    if (group) group.more++;
    else groups.set(key, { path, text, more: 0 });
  }
  return [...groups.values()].map((g) => `${g.path}: ${g.text}${g.more > 0 ? `; the same in ${g.more} more ${g.more === 1 ? 'row' : 'rows'}` : ''}`);
}

function capped(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const more = problems.length - (MAX_PROBLEMS - 1);
  return [...problems.slice(0, MAX_PROBLEMS - 1), `and ${more} more problems`];
}

/**
 * The keys an object of `text` (valid JSON) has twice, as where and what: `platforms[3]`, `"tier"
 * is given twice (line 40, column 7)…`. Read token by token, with a stack of its own: a model
 * nested 100,000 deep (JSON.parse takes it) must not overflow the call stack. The first
 * MAX_REPEATS are enough to say.
 */
function repeatedKeys(text: string): [path: string, text: string][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jsonc = require('jsonc-parser') as typeof import('jsonc-parser');
  // (jsonc-parser's SyntaxKind, a const enum its typings keep from code compiled file by file.)
  const SyntaxKind = { OpenBraceToken: 1, CloseBraceToken: 2, OpenBracketToken: 3, CloseBracketToken: 4, CommaToken: 5, ColonToken: 6, StringLiteral: 10, EOF: 17 } as const;
  type Frame = { keys: Set<string>; key: string; expectKey: boolean } | { index: number };
  const stack: Frame[] = [];
  const out: [path: string, text: string][] = [];
  let lines: LineIndex | undefined;
  const scanner = jsonc.createScanner(body, true);
  for (let kind: number = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const top = stack[stack.length - 1];
    if (kind === SyntaxKind.OpenBraceToken) stack.push({ keys: new Set(), key: '', expectKey: true });
    else if (kind === SyntaxKind.OpenBracketToken) stack.push({ index: 0 });
    else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) stack.pop();
    else if (kind === SyntaxKind.CommaToken && top) {
      if ('keys' in top) top.expectKey = true;
      else top.index++;
    } else if (kind === SyntaxKind.ColonToken && top && 'keys' in top) top.expectKey = false;
    else if (kind === SyntaxKind.StringLiteral && top && 'keys' in top && top.expectKey) {
      const name = scanner.getTokenValue();
      if (top.keys.has(name)) {
        const at = (lines ??= new LineIndex(body)).position(scanner.getTokenOffset());
        // The path to this object. (A path of a thousand steps is no help in a one-line message:
        // its ends are, and they are all that is copied.)
        const depth = stack.length - 1;
        const steps = (from: number, to: number) => formatPath(stack.slice(from, to).map((f) => ('keys' in f ? f.key : f.index)));
        const where = depth > 12 ? `${steps(0, 6)}…${steps(depth - 4, depth).replace(/^(?=[^[])/, '.')}` : steps(0, depth);
        out.push([where, `"${name}" is given twice (line ${at.line + 1}, column ${at.character + 1}); JSON keeps only the last`]);
        if (out.length >= MAX_REPEATS) break;
      }
      top.keys.add(name);
      top.key = name;
    }
  }
  return out;
}

/** One line for a person: `model.json: platforms[3].tier: expected 1, 2 or 3; …`. */
export function formatModelError(error: ModelError): string {
  return `${oneLine(error.file)}: ${error.problems.join('; ')}`;
}

/** Why a file could not be read or watched, for a person: `file not found`, `permission denied`, or Node's message. */
export function fileProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why = FILE_PROBLEMS.get(code ?? '');
  return why ?? oneLine(e instanceof Error ? e.message : String(e));
}
const FILE_PROBLEMS: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'file not found'],
  ['EISDIR', 'is a folder, not a file'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['ENOTDIR', 'a part of the path is a file, not a folder'],
  ['ELOOP', 'too many symbolic links (a loop?)'],
  ['ENAMETOOLONG', 'the path is too long'],
]);

/** Reads a user's model file; a missing file, a folder or a huge file is a ModelError, not a throw. */
export function loadModelFile(path: string, readFile: (p: string) => { size: number; read: () => string }): ModelResult {
  // (Node refuses such a path with a message about its arguments.)
  if (path.includes('\0')) return refused(path, ['the path has a NUL character, which no file name has']);
  let entry: { size: number; read: () => string };
  try {
    entry = readFile(path);
  } catch (e) {
    return refused(path, [fileProblem(e)]);
  }
  if (entry.size > MAX_MODEL_BYTES) {
    return refused(path, [`${entry.size} bytes is over the ${MAX_MODEL_BYTES}-byte limit for a model file`]);
  }
  let text: string;
  try {
    text = entry.read();
  } catch (e) {
    return refused(path, [fileProblem(e)]);
  }
  // Whatever a model file holds, a message, never a throw: the settings that name it stand.
  try {
    return parseModel(text, path);
  } catch (e) {
    return refused(path, [`cannot be read as a model: ${(e as Error)?.message ?? String(e)}`]);
  }
}
