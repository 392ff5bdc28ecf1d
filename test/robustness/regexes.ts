/**
 * Every regular expression in the engine's source, found by parsing the TypeScript files (regex
 * literals, and `new RegExp(…)` whose arguments are built from string constants), plus the
 * adversarial subjects that make a backtracking regex slow: long runs of the characters it matches,
 * alternations of pairs of them, each with a tail that makes the match fail.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const SOURCE_ROOT = resolve(__dirname, '../../server/src');

export interface FoundRegex {
  /** `scanners/yaml.ts:17` */
  where: string;
  source: string;
  flags: string;
  /** Built at run time from something other than constants; checked with a stand-in value. */
  dynamic?: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return sourceFiles(p);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [p] : [];
    });
}

/** Stand-ins for values only known at run time (a here-document delimiter). */
const STAND_IN = 'EOF';

export function collectRegexes(root = SOURCE_ROOT): FoundRegex[] {
  const out: FoundRegex[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const rel = relative(root, file).split('\\').join('/');
    const where = (node: ts.Node) => `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    // String constants of the module, for `new RegExp(`…${CONST}…`)`.
    const constants = new Map<string, ts.Expression>();
    const collectConstants = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer);
      ts.forEachChild(node, collectConstants);
    };
    collectConstants(sf);
    let dynamic: string | undefined;
    const evaluate = (e: ts.Expression, depth = 0): string => {
      if (depth > 10) throw new Error(`cannot evaluate ${e.getText(sf)}`);
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
      if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => evaluate(s.expression, depth + 1) + s.literal.text).join('');
      if (ts.isParenthesizedExpression(e)) return evaluate(e.expression, depth + 1);
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return evaluate(e.left, depth + 1) + evaluate(e.right, depth + 1);
      if (ts.isIdentifier(e) && constants.has(e.text)) return evaluate(constants.get(e.text)!, depth + 1);
      dynamic = `${e.getText(sf)} stands for ${JSON.stringify(STAND_IN)}`;
      return STAND_IN;
    };
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = (node as ts.RegularExpressionLiteral).text;
        const slash = lit.lastIndexOf('/');
        out.push({ where: where(node), source: lit.slice(1, slash), flags: lit.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const args = node.arguments ?? [];
        dynamic = undefined;
        const source = args[0] ? evaluate(args[0]) : '';
        const flags = args[1] ? evaluate(args[1]) : '';
        out.push({ where: where(node), source, flags, ...(dynamic ? { dynamic } : {}) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** One family of adversarial subjects, made at any length. */
export interface Attack {
  name: string;
  make: (length: number) => string;
}

/** A small seeded generator, so the random pumps are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const repeatTo = (pump: string, length: number) => pump.repeat(Math.max(1, Math.ceil(length / pump.length)));

/**
 * Subjects that drive a backtracking regex into its worst case: for every character the regex
 * names (and usual suspects) a long run of it, with and without a failing tail; alternations of
 * pairs of its characters; its literal words pumped with separators; seeded random pumps of its
 * characters and words behind a prefix and before a tail; and the shapes the engine looks for,
 * drawn out.
 */
export function attacks(re: FoundRegex): Attack[] {
  const own = new Set<string>();
  for (const ch of re.source.replace(/\\[dswDSWbB]/g, '').replace(/\\u[0-9a-fA-F]{4}/g, '')) {
    if (ch.charCodeAt(0) >= 32 && !'^$()|*+?{}\\'.includes(ch)) own.add(ch);
  }
  for (const [esc, ch] of [['\\s', ' '], ['\\t', '\t'], ['\\n', '\n'], ['\\r', '\r'], ['\\d', '7'], ['\\w', 'a'], ['\\u0001', '\u0001'], ['\\u0002', '\u0002'], ['\\.', '.'], ['\\/', '/'], ['\\$', '$'], ['\\{', '{']] as const) {
    if (re.source.includes(esc)) own.add(ch);
  }
  const words = [...new Set(re.source.replace(/\\[a-zA-Z]/g, ' ').match(/[A-Za-z0-9_-]{2,}/g) ?? [])].slice(0, 12);
  const suspects = [' ', '\t', '\n', '\r', 'a', 'A', '0', '-', '_', '.', '/', ':', '#', '$', '{', '}', '(', ')', '[', ']', '"', "'", '`', '=', ',', '\\', '\u0001', '\u0002', '\u2028', 'é', '🚀'];
  const chars = [...new Set([...own, ...suspects])];
  const ownChars = [...own].slice(0, 24);
  const FAIL = '\u0000!';
  const out: Attack[] = [];
  for (const c of chars) {
    const q = JSON.stringify(c);
    out.push(
      { name: `${q}×n`, make: (n) => repeatTo(c, n) },
      { name: `${q}×n + fail`, make: (n) => repeatTo(c, n) + FAIL },
      { name: `x ${q}×n + fail`, make: (n) => `x${repeatTo(c, n)}${FAIL}` },
      { name: `${q}×n \\n ${q}×n`, make: (n) => `${repeatTo(c, n / 2)}\n${repeatTo(c, n / 2)}` },
    );
  }
  for (const a of ownChars) {
    for (const b of ownChars) {
      if (a < b) out.push({ name: `${JSON.stringify(a + b)}×n + fail`, make: (n) => repeatTo(a + b, n) + FAIL });
    }
  }
  for (const w of words) {
    for (const sep of [' ', '\t', '\n', ...ownChars.filter((c) => !/[A-Za-z0-9]/.test(c))].slice(0, 14)) {
      out.push(
        { name: `${JSON.stringify(w + sep)}×n + fail`, make: (n) => repeatTo(w + sep, n) + FAIL },
        { name: `${JSON.stringify(sep + w + sep + '[')}×n + \\n`, make: (n) => `0${repeatTo(sep + w + sep + '[e', n)}\nd` },
      );
    }
  }
  // Random pumps: a prefix, a pump of 2–5 pieces, a tail; seeded by the regex so runs repeat.
  const pieces = [...ownChars, ...words, ' ', '\t', '\n', ':', '#', '-', '/', '.'];
  const rand = mulberry32([...re.source].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619), 2166136261));
  const pick = () => pieces[Math.floor(rand() * pieces.length)];
  for (let k = 0; k < 120; k++) {
    const prefix = rand() < 0.5 ? '' : pick() + pick();
    const pump = Array.from({ length: 2 + Math.floor(rand() * 4) }, pick).join('');
    const tail = ['', FAIL, '\n', '\n' + pick(), pick()][Math.floor(rand() * 5)];
    out.push({ name: `${JSON.stringify(prefix)} + ${JSON.stringify(pump)}×n + ${JSON.stringify(tail)}`, make: (n) => prefix + repeatTo(pump, n) + tail });
  }
  const shapes: [string, string, string][] = [
    ['', 'a:', FAIL],
    ['', 'a ', `:${FAIL}`],
    ['--', 'a-', FAIL],
    ['${', 'a', ''],
    ['', '${', FAIL],
    ['https://', 'a/', ''],
    ['dl.k8s.io/', 'bin/', ''],
    ['kubernetes-server-', 'linux-', ''],
    ['deb [', 'arch=amd64 ', ''],
    ['', '"\\', ''],
    ["'", "''", ''],
    ['', '# ', 'k8s-platforms-ignore'],
    ['', '<<', ''],
    ['', ' - ', FAIL],
    ['A:\t', '\t', ':\n'],
    ['-\t', '\t', '-\n'],
    ['for\ti\tin\t', '\t', ';'],
    ['', 'z.g', 'c.gz'],
    ['C', '/.GITLAB/CI/', '/.'],
  ];
  for (const [prefix, pump, tail] of shapes) out.push({ name: `${JSON.stringify(prefix)} + ${JSON.stringify(pump)}×n + ${JSON.stringify(tail)}`, make: (n) => prefix + repeatTo(pump, n) + tail });
  return out;
}

/** Runs a regex over a subject the way the engine does: every match of a /g regex, one search otherwise. */
export function runOver(re: RegExp, subject: string): void {
  if (re.global || re.sticky) {
    re.lastIndex = 0;
    for (let m = re.exec(subject); m; m = re.exec(subject)) if (m[0].length === 0) re.lastIndex++;
  } else re.exec(subject);
}

/** Milliseconds of one run, the best of `tries` (a busy machine only ever adds time). */
export function timeRun(re: RegExp, subject: string, tries: number): number {
  let best = Infinity;
  for (let k = 0; k < tries; k++) {
    const t0 = performance.now();
    runOver(re, subject);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * The least CPU time (user and system, of this process) of `tries` runs, in ms: unlike the time on
 * the clock, it does not count the time the process waited for a core another process held.
 */
export function cpuTimeRun(re: RegExp, subject: string, tries: number): number {
  let best = Infinity;
  for (let k = 0; k < tries; k++) {
    const c0 = process.cpuUsage();
    runOver(re, subject);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

export interface Verdict {
  where: string;
  source: string;
  /** The slowest family, its time at the small and the large length, and their ratio. */
  attack: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
  superLinear: boolean;
  attacks: number;
}

/**
 * Times every attack at `small` characters, then the five slowest again at `small` and at
 * `small × 4`. Linear time grows about 4×, quadratic 16×: a regex is super-linear when its
 * slowest family grows more than 10× and takes more than 25 ms at the large length, or takes over
 * a second there whatever the ratio.
 */
export function judgeRegex(found: FoundRegex, small: number): Verdict {
  const re = new RegExp(found.source, found.flags);
  const all = attacks(found);
  const first = all.map((a) => ({ a, ms: timeRun(re, a.make(small), 1) }));
  first.sort((x, y) => y.ms - x.ms);
  let worst: Verdict | undefined;
  for (const { a } of first.slice(0, 5)) {
    const smallMs = timeRun(re, a.make(small), 3);
    let largeMs = timeRun(re, a.make(small * 4), 2);
    // A slow verdict is timed again before it stands, in CPU time: a pause of the machine (a
    // collection, a neighbour process holding the cores) costs the clock, not this process's CPU;
    // a super-linear regex is slow every time, by both.
    if (largeMs > 25 && largeMs / Math.max(smallMs, 0.05) > 10) largeMs = Math.min(largeMs, timeRun(re, a.make(small * 4), 5), cpuTimeRun(re, a.make(small * 4), 5));
    const ratio = largeMs / Math.max(smallMs, 0.05);
    const superLinear = (largeMs > 25 && ratio > 10) || largeMs > 1000;
    const v: Verdict = { where: found.where, source: found.source, attack: a.name, smallMs, largeMs, ratio, superLinear, attacks: all.length };
    if (!worst || (v.superLinear && !worst.superLinear) || (v.superLinear === worst.superLinear && v.largeMs > worst.largeMs)) worst = v;
  }
  return worst!;
}

/**
 * Times every attack at the longest subject the engine ever gives the regex (it slices before
 * matching); passes when the worst takes under `budgetMs` there.
 */
export function judgeBounded(found: FoundRegex, bound: number, budgetMs: number): Verdict {
  const re = new RegExp(found.source, found.flags);
  const all = attacks(found);
  let worst = { name: '', ms: -1 };
  for (const a of all) {
    let ms = timeRun(re, a.make(bound).slice(0, bound), 2);
    // Over budget: timed again in CPU time, which a busy machine does not inflate.
    if (ms > budgetMs) ms = Math.min(ms, cpuTimeRun(re, a.make(bound).slice(0, bound), 5));
    if (ms > worst.ms) worst = { name: a.name, ms };
  }
  return { where: found.where, source: found.source, attack: worst.name, smallMs: worst.ms, largeMs: worst.ms, ratio: 1, superLinear: worst.ms > budgetMs, attacks: all.length };
}
