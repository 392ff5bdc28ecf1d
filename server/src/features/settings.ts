import type { z } from 'zod';
import { CODES, type Code, type LintSettings, type Severity } from '../rules/finding';
import { DEFAULT_LIMITS } from '../lint';
import { nearest } from '../platform/distance';
import { issueText, oneLine, shown } from '../model/issueText';

/** Files larger than this many bytes are not checked unless the user raises the limit. */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** The `k8sPlatforms.*` settings as the server uses them: validated, complete, never mutated. */
export interface ServerSettings {
  readonly enable: boolean;
  readonly lint: Readonly<LintSettings>;
  /** '' when no custom model file is set. */
  readonly modelPath: string;
  readonly maxFileSize: number;
  /** A scan of one document stops after this many ms (the blocks after it are not checked). */
  readonly maxScanTime: number;
  /** Set by the client (or a setting) when the workspace is not trusted: modelPath is ignored then. */
  readonly untrusted: boolean;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = Object.freeze({
  enable: true,
  lint: Object.freeze({ requiredTier: 3 as const, severity: Object.freeze({}) }),
  modelPath: '',
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  maxScanTime: DEFAULT_LIMITS.maxScanTime,
  untrusted: false,
});

/** A string of decimal digits as its number (`"5000000"`); anything else as it is. */
function digits(v: unknown): unknown {
  return typeof v === 'string' && DIGITS.test(v) ? Number(v) : v;
}
const DIGITS = /^[0-9]{1,15}$/;

/** One schema per field, so one bad value falls back alone and the rest still apply. zod is loaded on first use. */
function makeFields() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { z } = require('zod') as typeof import('zod');
  // No code generation (`new Function`) in the server: zod validates by interpretation.
  z.config({ jitless: true });
  const level = z.enum(['error', 'warning', 'info', 'information', 'hint', 'off']);
  return {
  enable: z.boolean(),
  requiredTier: z.union([z.literal(1), z.literal(2), z.literal(3), z.enum(['1', '2', '3']).transform((s) => Number(s) as 1 | 2 | 3)], { error: 'must be 1, 2 or 3' }),
  severity: z.partialRecord(z.enum(CODES), level),
  modelPath: z.string(),
  // A number written as a string of digits is that number, as requiredTier's "2" is (a Lua or
  // Lisp config quotes it); any other string is named.
  maxFileSize: z.preprocess(digits, z.number().int().positive()),
  maxScanTime: z.preprocess(digits, z.number().int().positive()),
  untrusted: z.boolean(),
  trace: z.object({ server: z.enum(['off', 'messages', 'verbose']).optional() }).loose(),
  } as const;
}

let fieldsCache: ReturnType<typeof makeFields> | undefined;
export function fieldSchemas(): ReturnType<typeof makeFields> {
  fieldsCache ??= makeFields();
  return fieldsCache;
}
export type Fields = ReturnType<typeof makeFields>;

export interface ParsedSettings {
  settings: ServerSettings;
  /** One line per bad value, naming the setting; empty when all is well. */
  problems: string[];
}

const LEVELS: ReadonlySet<unknown> = new Set(['error', 'warning', 'info', 'information', 'hint', 'off']);
const CODE_SET: ReadonlySet<string> = new Set(CODES);
const TRACE_LEVELS: ReadonlySet<unknown> = new Set([undefined, 'off', 'messages', 'verbose']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The value zod's schema gives for the values settings usually have (what a settings UI writes),
 * without loading zod; undefined for anything else, which zod then judges. A test checks that
 * every value read here is read the same by the schema.
 */
export function plainValue(name: keyof Fields, v: unknown): { value: unknown } | undefined {
  switch (name) {
    case 'enable':
    case 'untrusted':
      return typeof v === 'boolean' ? { value: v } : undefined;
    case 'requiredTier':
      return v === 1 || v === 2 || v === 3 ? { value: v } : v === '1' || v === '2' || v === '3' ? { value: Number(v) } : undefined;
    case 'modelPath':
      return typeof v === 'string' ? { value: v } : undefined;
    case 'maxFileSize':
    case 'maxScanTime':
      if (typeof v === 'string' && DIGITS.test(v) && Number(v) > 0) return { value: Number(v) };
      return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? { value: v } : undefined;
    case 'severity': {
      if (!isPlainObject(v)) return undefined;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        if (!CODE_SET.has(k) || !LEVELS.has(v[k])) return undefined;
        out[k] = v[k];
      }
      return Object.getOwnPropertySymbols(v).length === 0 ? { value: out } : undefined;
    }
    case 'trace':
      // {server: …} as VS Code writes it; anything more is zod's to read.
      if (!isPlainObject(v) || Object.getOwnPropertySymbols(v).length > 0 || !TRACE_LEVELS.has(v.server)) return undefined;
      for (const k of Object.keys(v)) if (k !== 'server') return undefined;
      return { value: { ...v } };
  }
  return undefined;
}

function describe(name: string, issues: z.core.$ZodIssue[], value: unknown): string {
  const issue = issues[0];
  const where = issue.path.length > 0 ? `${name}.${issue.path.map(String).join('.')}` : name;
  return `k8sPlatforms.${where}: ${issueText(issue, value)}`;
}

/**
 * The `severity` setting. When one entry is bad (a code misspelled, a level unknown), that entry
 * is named and left out, and the others apply: one typo must not undo the rest.
 */
function readSeverity(raw: unknown, problems: string[]): Record<string, Severity | 'off' | 'information'> {
  if (raw === undefined || raw === null) return {};
  const plain = plainValue('severity', raw);
  if (plain) return plain.value as Record<string, Severity | 'off' | 'information'>;
  // (An object's entries are read one by one, not by the schema, which passes over a key it
  // cannot hold as it stands, `__proto__`, without a word: QA 272 B6.)
  if (!isPlainObject(raw)) {
    const parsed = fieldSchemas().severity.safeParse(raw);
    if (parsed.success) return parsed.data as Record<string, Severity | 'off' | 'information'>;
    problems.push(describe('severity', parsed.error.issues, raw));
    return {};
  }
  const out: Record<string, Severity | 'off' | 'information'> = {};
  // Codes near one are told one by one, with it (five at most); the others together, with the codes once.
  let near = 0;
  const others: string[] = [];
  for (const [code, lvl] of Object.entries(raw)) {
    if (!CODE_SET.has(code)) {
      if (near < MAX_NAMED && nearest(code, CODES)) (near++, problems.push(`k8sPlatforms.severity.${code}: ${notACode(code)}`));
      else others.push(code);
    } else if (!LEVELS.has(lvl)) problems.push(`k8sPlatforms.severity.${code}: expected error, warning, info, hint or off, not ${shown(lvl)}`);
    else out[code] = lvl as Severity | 'off' | 'information';
  }
  if (others.length > 0) problems.push(`${namedSome(others.map((c) => `k8sPlatforms.severity.${c}`))}: not ${others.length === 1 ? 'a diagnostic code' : 'diagnostic codes'} (${CODES.join(', ')})`);
  return out;
}

/** How many unknown keys a message names; the rest are counted. */
const MAX_NAMED = 5;

/** The first MAX_NAMED of `names` and how many more (`a, b, c, d, e and 49,995 more`). */
function namedSome(names: readonly string[]): string {
  const more = names.length - MAX_NAMED;
  return `${names.slice(0, MAX_NAMED).join(', ')}${more > 0 ? ` and ${more.toLocaleString('en-US')} more` : ''}`;
}

/** The keys of the `k8sPlatforms` section; `untrusted` is set by clients that tell trust that way, not by users. */
export const SETTING_KEYS: readonly string[] = ['enable', 'requiredTier', 'severity', 'modelPath', 'maxFileSize', 'maxScanTime', 'trace', 'untrusted'];
const USER_KEYS = SETTING_KEYS.filter((k) => k !== 'untrusted');
const PREFIX = 'k8sPlatforms.';
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * A key of a settings object that looks like the `k8sPlatforms` section misspelled
 * (`k8s-platforms`, `k8sPlatform`, `K8sPlatforms`, `k8s_platforms.requiredTier`), when the section
 * itself is not there: settings a user wrote for us that no one reads.
 */
export function misspelledSection(settings: unknown): string | undefined {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return undefined;
  const keys = Object.keys(settings);
  if (keys.some((k) => k === 'k8sPlatforms' || k.startsWith(PREFIX))) return undefined;
  return keys.find((k) => SECTION_LOOKALIKES.has(k.split('.')[0].toLowerCase().replace(/[^a-z0-9]/g, '')));
}

/** Our section's name and its near misses, in lower case without separators. */
const SECTION_LOOKALIKES: ReadonlySet<string> = new Set(['k8splatforms', 'k8splatform', 'kubernetesplatforms']);

/**
 * The `k8sPlatforms` section in a settings object as clients send it: `{k8sPlatforms: {…}}`, or
 * VS Code's dotted names flat (`{"k8sPlatforms.requiredTier": 1}`), as a user copies them from
 * settings.json into another editor's config. undefined when it holds neither; null when the
 * section is there and null (a client that cleared it).
 */
export function settingsSection(settings: unknown): unknown {
  if (settings === null || typeof settings !== 'object') return undefined;
  const o = settings as Record<string, unknown>;
  const dotted = Object.keys(o).filter((k) => k.startsWith(PREFIX));
  if (dotted.length === 0) return o.k8sPlatforms;
  // Only our names: `editor.tabSize` beside them is another tool's.
  const section: Record<string, unknown> = { ...(isPlainObject(o.k8sPlatforms) ? o.k8sPlatforms : {}) };
  for (const k of dotted) section[k] = o[k];
  return section;
}

/** `{"k8sPlatforms.trace.server": "off", requiredTier: 1}` as `{trace: {server: "off"}, requiredTier: 1}`: dotted names nested. */
function undot(section: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(section).some((k) => k.includes('.'))) return section;
  const out: Record<string, unknown> = {};
  // Own properties only, defined rather than assigned: `"k8sPlatforms.__proto__.x"` from a
  // client must not reach Object.prototype.
  const put = (o: Record<string, unknown>, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const [key, value] of Object.entries(section)) {
    const path = (key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key).split('.');
    if (path.some((part) => UNSAFE_KEYS.has(part))) {
      put(out, path.join('.'), value); // named as no setting, as it is
      continue;
    }
    let at = out;
    for (const part of path.slice(0, -1)) {
      if (!Object.prototype.hasOwnProperty.call(at, part) || !isPlainObject(at[part])) put(at, part, {});
      at = at[part] as Record<string, unknown>;
    }
    put(at, path[path.length - 1], value);
  }
  return out;
}

/** What is said of a severity entry whose code is none: the code meant, or the codes. */
export function notACode(code: string): string {
  const near = nearest(code, CODES);
  return near ? `not a diagnostic code; did you mean ${near}?` : `not a diagnostic code (${CODES.join(', ')})`;
}

/** Keys that are no setting: a typo (`requiredTierr`) would do nothing, without a word. */
function unknownKeys(section: Record<string, unknown>, problems: string[]): void {
  // Keys near a setting are told one by one, with it; the others together, with the settings once.
  const others: string[] = [];
  let told = 0;
  for (const key of Object.keys(section)) {
    if (SETTING_KEYS.includes(key)) continue;
    const near = told < MAX_NAMED ? nearest(key, USER_KEYS) : undefined;
    if (near) (told++, problems.push(`k8sPlatforms.${key}: not a setting; did you mean k8sPlatforms.${near}?`));
    else others.push(key);
  }
  if (others.length === 0) return;
  problems.push(`${namedSome(others.map((k) => `k8sPlatforms.${k}`))}: not ${others.length === 1 ? 'a setting' : 'settings'} (the settings: ${USER_KEYS.join(', ')})`);
}

/**
 * Whether a `k8sPlatforms` section says nothing: null, no section, and what clients send for
 * nothing: `{}` for settings no one set, false and an empty list (as Lisp's nil may be written).
 */
export function saysNothing(raw: unknown): boolean {
  return raw === undefined || raw === null || raw === false || (typeof raw === 'object' && Object.keys(raw).length === 0);
}

/**
 * Reads the `k8sPlatforms` section as a client sends it (any shape, maybe null). Missing values
 * take their defaults; a bad value takes its default and is named in `problems`, and so is a key
 * that is no setting.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const problems: string[] = [];
  // Nothing is the defaults (see saysNothing). Any other shape is named, then the defaults apply.
  if (!saysNothing(raw) && !isPlainObject(raw)) {
    problems.push(`k8sPlatforms: expected an object of settings, not ${Array.isArray(raw) ? 'a list' : JSON.stringify(raw).slice(0, 40)}`);
  }
  const section = isPlainObject(raw) ? undot(raw) : {};
  unknownKeys(section, problems);
  const read = <K extends keyof Fields>(name: K): z.output<Fields[K]> | undefined => {
    const value = section[name];
    if (value === undefined || value === null) return undefined;
    const plain = plainValue(name, value);
    if (plain !== undefined) return plain.value as z.output<Fields[K]>;
    const result = fieldSchemas()[name].safeParse(value);
    if (result.success) return result.data as z.output<Fields[K]>;
    problems.push(describe(name, result.error.issues, value));
    return undefined;
  };
  const d = DEFAULT_SERVER_SETTINGS;
  const severity: Partial<Record<Code, Severity | 'off'>> = {};
  for (const [code, lvl] of Object.entries(readSeverity(section.severity, problems))) {
    severity[code as Code] = lvl === 'information' ? 'info' : lvl;
  }
  read('trace');
  const settings: ServerSettings = Object.freeze({
    enable: read('enable') ?? d.enable,
    lint: Object.freeze({ requiredTier: read('requiredTier') ?? d.lint.requiredTier, severity: Object.freeze(severity) }),
    modelPath: (read('modelPath') ?? d.modelPath).trim(),
    maxFileSize: read('maxFileSize') ?? d.maxFileSize,
    maxScanTime: read('maxScanTime') ?? d.maxScanTime,
    untrusted: read('untrusted') ?? d.untrusted,
  });
  // (Keys are the client's text: a newline or a key of thousands of characters stays out of a message.)
  return { settings, problems: problems.map(oneLine) };
}

/** Whether two settings snapshots judge documents the same way. */
export function sameSettings(a: ServerSettings, b: ServerSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
