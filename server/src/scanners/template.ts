import { ALTERNATIVE, JOIN, POISON, SOFT } from './mention';
import { isGoOs, resolveArch } from '../platform/names';
import { parsePlatform } from '../platform/parse';

/**
 * The start of a `${NAME:-default}` or `${NAME=default}` expansion, or of an alternate value
 * (`${NAME:+--platform linux/arm64}`, a literal the value becomes when NAME is set); also a
 * positional parameter's, `${1:-default}`.
 */
const DEFAULT_PREFIX = /^\$\{([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*])(:?[-=+])/;

/** Which template syntax a region uses: make's `$(VAR)` differs from the shell's `$(cmd)`. */
export type TemplateMode = 'shell' | 'make';

/**
 * Defaults nest a level or two (`${A:-${B:-linux/amd64}}`); deeper ones are masked whole, so a
 * hostile `${A:-${A:-…}}` thousands deep neither overflows the stack nor costs a pass per level.
 */
const MAX_DEFAULT_DEPTH = 8;

/**
 * Replaces every templated part of text[start, end) with POISON characters, keeping offsets, so
 * that a value containing a template is never judged: `${{ matrix.os }}`, `{{ .Os }}`, `$(GOOS)`,
 * `${TARGETARCH}`, `$BUILDPLATFORM`, `$$os`, backticks, and the placeholders of other template
 * languages: Concourse `((var))`, Azure `$[ expr ]`, Jinja `{% … %}`, ERB `<%= … %>`, `#{…}`,
 * `@VAR@`, `%VAR%`, `<arch>`. The literal default of
 * `${VAR:-linux/amd64}` stays readable (its wrapper becomes SOFT separators).
 * Returns a string of the same length as the region; index 0 is `start`. When `substitutions` is
 * given, the start and end of each command substitution's command (`$(cmd)`, `` `cmd` ``, make's
 * `$(shell cmd)` and a recipe's `$$(cmd)`) are pushed onto it: the command is a script of its own.
 * When `loops` is given, each make `$(foreach var,list,text)` pushes four offsets onto it: where its
 * variable starts, its first and second commas, and where its text ends (a loop: shell.ts makeLoop).
 */
export function maskTemplates(text: string, start: number, end: number, mode: TemplateMode, depth = 0, substitutions?: number[], loops?: number[]): string {
  // Fast path: nothing templated in the region.
  const region = text.slice(start, end);
  if (!MAYBE.test(region)) return region;
  const out: string[] = [];
  let closers: Int32Array | undefined;
  const matchBracket = (open: number): number => {
    closers ??= matchAll(text, start, end);
    return closers[open - start];
  };
  // Where each closer (`}}`, `%}`, …) is next found, remembered: the search for the closer of
  // every unclosed opener would otherwise read to the region's end again (quadratic).
  let memo: Map<string, { from: number; at: number }> | undefined;
  const find = (needle: string, from: number): number => {
    memo ??= new Map();
    const m = memo.get(needle);
    if (m && from >= m.from && (m.at < 0 || from <= m.at)) return m.at;
    const at = scanFor(text, needle, from, end);
    memo.set(needle, { from, at });
    return at;
  };
  /** Just past the closer of a construct that stays on its line ({% … %}): else the line's end. */
  const onLine = (needle: string, from: number): number => {
    const close = find(needle, from);
    const eol = lineEnd(text, from, end);
    return close < 0 || close + needle.length > eol ? eol : close + needle.length;
  };
  let i = start;
  let lit = start;
  const flush = () => {
    if (i > lit) out.push(text.slice(lit, i));
  };
  const poison = (from: number, to: number) => {
    flush();
    out.push(poisoned(text.slice(from, to)));
    lit = to;
  };
  const soft = (n: number) => {
    flush();
    out.push(SOFT.repeat(n));
  };
  /**
   * `${NAME:-default}` at i (`$${…}` in a recipe: `dollars` is 2), closed just before `close`: the
   * prefix and the brace are soft, the default is literal, masked in turn. False (nothing done)
   * when it is no default expansion or is nested too deep.
   */
  const keepDefault = (dollars: number, close: number): boolean => {
    if (close <= 0 || depth >= MAX_DEFAULT_DEPTH) return false;
    const m = DEFAULT_PREFIX.exec(text.slice(i + dollars - 1, Math.min(end, i + 80)));
    if (!m) return false;
    const prefix = dollars - 1 + m[0].length;
    soft(prefix);
    out.push(maskTemplates(text, i + prefix, close - 1, mode, depth + 1, substitutions, loops));
    out.push(SOFT);
    i = close;
    lit = close;
    return true;
  };
  /**
   * make's `$(if cond,then,else)`, `$(or a,b)`, `$(and a,b)` (and the other MAKE_CHOICE functions,
   * also spelled `${if …}`)
   * at i, closed just before `close`: the values it chooses from are literal, masked in turn, and
   * separated by their commas (`PLATFORM = $(if $(filter $(ARCH),arm64),linux/arm64,linux/amd64)`);
   * the condition of an `if` and the function a `call` names are masked whole; a `foreach`'s
   * text is what runs for each word, its variable and list blanks. False (nothing
   * done) for other functions, or nested too deep.
   */
  const keepChoices = (close: number): boolean => {
    if (close <= 0 || depth >= MAX_DEFAULT_DEPTH) return false;
    const fn = MAKE_CHOICE.exec(text.slice(i + 2, Math.min(end, i + 13)));
    if (!fn) return false;
    const args = i + 2 + fn[0].length;
    const from = fn[1] === 'if' || fn[1] === 'call' ? topLevelComma(text, args, close - 1) : fn[1] === 'foreach' ? secondComma(text, args, close - 1) : fn[1] === 'subst' ? separatorSubst(text, args, close - 1) : args;
    if (from < 0) return false;
    if (fn[1] === 'foreach') {
      // The text is what runs (`GOOS=lnux go build;`, `echo …;`): it starts a command where the
      // call starts, the call's name, variable and list blanks before it.
      flush();
      out.push(text.slice(i, from + 1).replace(/[^\n]/g, ' '));
      // (Its variable, list and text, for the reader of the loop it is: shell.ts makeLoop.)
      loops?.push(args, topLevelComma(text, args, from), from, close - 1);
      out.push(maskTemplates(text, from + 1, close - 1, mode, depth + 1, substitutions, loops));
      out.push(SOFT);
      i = close;
      lit = close;
      return true;
    }
    soft(args - i);
    out.push(poisoned(text.slice(args, from)));
    const chosen = maskTemplates(text, from, close - 1, mode, depth + 1, substitutions, loops);
    // The blanks of a list `subst` joins with commas are not where a command's words end
    // (`--platform $(subst $(space),$(comma),linux/amd64 linux/arm64)` is one argument).
    // The comma after an `if`'s condition ends an argument, not a list item: removing the
    // then-branch's only item must not take it (`$(if c,,linux/amd64)`, not `$(if c,linux/amd64)`).
    // A `call`'s arguments are lists of their own, as the alternatives of an `if` are: `$(call
    // pick,linux/amd64,linux/amd64)` repeats nothing, and removing an item must not take the comma
    // after the function's name or between two arguments.
    const kept = fn[1] === 'subst' ? chosen.replace(BLANKS, JOIN) : fn[1] === 'if' && chosen.charCodeAt(0) === 44 ? SOFT + chosen.slice(1) : fn[1] === 'call' && chosen.charCodeAt(0) === 44 ? ALTERNATIVE + chosen.slice(1) : chosen;
    out.push(fn[1] === 'call' ? callArguments(alternatives(text, from, close - 1, kept)) : ALTERNATIVES.has(fn[1]) ? alternatives(text, from, close - 1, kept) : kept);
    out.push(SOFT);
    i = close;
    lit = close;
    return true;
  };
  // Jumps by a character class (fast; `test` makes no match object); the branches below tell an
  // opener from a lone `(` or `%`.
  const special = MAYBE_G;
  while (i < end) {
    // Jump to the next character that can start a template; everything between is literal.
    special.lastIndex = i;
    if (!special.test(text) || special.lastIndex > end) break;
    i = special.lastIndex - 1;
    const c = text[i];
    if (c === '$' && i + 1 < end) {
      const n = text[i + 1];
      // `\${V}`, `\$V`, `\$(cmd)`: an expansion escaped for a shell to come (`bash -c "curl
      // …/\${V}/bin/linux/arm/kubectl"`, `ssh host "…"`), templated all the same, its backslash too.
      if (mode === 'shell' && i > lit && text.charCodeAt(i - 1) === 92 && ESCAPED_EXPANSION.test(n)) {
        i--;
        flush();
        out.push(POISON);
        lit = ++i;
      }
      if (n === '{' && text[i + 2] === '{') {
        const close = find('}}', i + 3);
        const stop = close < 0 ? lineEnd(text, i, end) : close + 2;
        const literals = close < 0 ? undefined : expressionResults(text, i + 3, close);
        if (literals) {
          // `${{ cond && 'linux/amd64' || 'linux/amd64,linux/riscv64' }}`: the strings it may
          // be are literal, each a list of its own; the rest is soft, as a default's wrapper is.
          // (Lists of their own from what is written around the expression too: `linux/amd64,${{
          // inputs.p || 'linux/amd64' }}` may be one platform or two, and a removal would empty a string.)
          flush();
          let at = i;
          for (const [from, to] of literals) {
            out.push(ALTERNATIVE + SOFT.repeat(from - at - 1), text.slice(from, to));
            at = to;
          }
          out.push(ALTERNATIVE + SOFT.repeat(stop - at - 1));
          lit = stop;
        } else poison(i, stop);
        i = stop;
        continue;
      }
      if (n === '(' || n === '{') {
        const close = matchBracket(i + 1);
        if (mode === 'shell' && n === '{' && keepDefault(1, close)) continue;
        // (`${if …}` is the same function as `$(if …)`.)
        if (mode === 'make' && keepChoices(close)) continue;
        // `$(comma)`, `$(space)`: what Makefiles write for a separator inside a function's arguments.
        if (mode === 'make' && close > 0 && SEPARATOR_VARIABLE.test(text.slice(i + 2, close - 1))) {
          flush();
          out.push(JOIN.repeat(close - i));
          i = close;
          lit = close;
          continue;
        }
        // A command substitution: `$(cmd)` in the shell, `$(shell cmd)` in make (not `$((1+2))`).
        if (substitutions && close > 0 && n === '(' && text[i + 2] !== '(') {
          if (mode === 'shell') substitutions.push(i + 2, close - 1);
          else if (MAKE_SHELL.test(text.slice(i + 2, i + 8))) substitutions.push(i + 8, close - 1);
        }
        const stop = close < 0 ? lineEnd(text, i, end) : close;
        poison(i, stop);
        i = stop;
        continue;
      }
      if (n === '[' && text[i + 2] !== '[') {
        // Azure Pipelines runtime expressions: $[ variables.arch ], $[ eq(variables['a'], 'b') ].
        const stop = closeSquare(text, i + 1, end);
        poison(i, stop);
        i = stop;
        continue;
      }
      if (n === '[' && text[i + 2] === '[') {
        const close = find(']]', i + 3);
        const stop = close < 0 ? lineEnd(text, i, end) : close + 2;
        poison(i, stop);
        i = stop;
        continue;
      }
      if (n === '$') {
        // $$var, $${var}, $$(cmd): a shell expansion inside a make recipe, or in a script of a CI
        // system that writes the shell's `$` as `$$` (Cloud Build, GitLab). (In a plain script
        // `$$` is the shell's process id; nobody follows it with a name or a brace.)
        const inner = text[i + 2];
        if (inner === '{' || inner === '(') {
          const close = matchBracket(i + 2);
          // $${PLATFORMS:-linux/amd64,linux/arm64}: its default is literal, as in a script.
          if (inner === '{' && keepDefault(2, close)) continue;
          if (substitutions && close > 0 && inner === '(' && text[i + 3] !== '(') substitutions.push(i + 3, close - 1);
          const stop = close < 0 ? lineEnd(text, i, end) : close;
          poison(i, stop);
          i = stop;
          continue;
        }
        let k = i + 2;
        while (k < end && /[A-Za-z0-9_]/.test(text[k])) k++;
        poison(i, k);
        i = k;
        continue;
      }
      if (/[A-Za-z_]/.test(n)) {
        let k = i + 1;
        // In make, $X is a one-letter variable; in the shell, $NAME runs to the end of the name.
        if (mode === 'make') k = i + 2;
        else while (k < end && /[A-Za-z0-9_]/.test(text[k])) k++;
        poison(i, k);
        i = k;
        continue;
      }
      if (/[0-9@*#?!$<^+%-]/.test(n)) {
        poison(i, i + 2);
        i += 2;
        continue;
      }
    }
    // Constructs that stay on their line: Jinja statements and comments ({% if arch == "arm64" %},
    // {# … #}), ERB and friends (<%= arch %>), Ruby and Octopus interpolation (#{arch}).
    const closer = lineCloser(c, text[i + 1]);
    if (closer !== undefined) {
      const stop = onLine(closer, i + 2);
      poison(i, stop);
      i = stop;
      continue;
    }
    if (c === '(' && text[i + 1] === '(' && (i === start || text[i - 1] !== '$')) {
      // Concourse variables: ((target_arch)), ((vault:creds.arch)), ((.:arch)).
      const m = CONCOURSE_VAR.exec(text.slice(i, Math.min(end, i + 120)));
      if (m) {
        poison(i, i + m[0].length);
        i += m[0].length;
        continue;
      }
    }
    if ((c === '@' || c === '%' || c === '<') && isNameStart(text.charCodeAt(i + 1))) {
      // Substitution placeholders: @GOARCH@ (autoconf), %ARCH% (batch, Azure), <arch> (docs).
      const m = (c === '<' ? ANGLE_PLACEHOLDER : c === '@' ? AT_PLACEHOLDER : PERCENT_PLACEHOLDER).exec(text.slice(i, Math.min(end, i + 80)));
      if (m) {
        poison(i, i + m[0].length);
        i += m[0].length;
        continue;
      }
    }
    if (c === '{' && text[i + 1] === '{') {
      let close = find('}}', i + 2);
      // A template written inside one (`{{ "{{ .version }}" }}`: a template that outputs a
      // template) closes at the outer `}}`, a few levels deep at most.
      for (let open = opensIn(text, i + 2, close), level = 0; close > 0 && open > 0 && level < MAX_DEFAULT_DEPTH; level++) {
        const next = find('}}', close + 2);
        if (next < 0) break;
        open += opensIn(text, close + 2, next) - 1;
        close = next;
      }
      const stop = close < 0 ? lineEnd(text, i, end) : close + 2;
      // The string a Go template falls back to when its value is unset (sprig's `default`, in Helm
      // charts and go-task's Taskfiles: `{{ .Values.platforms | default "linux/amd64,linux/arm64" }}`,
      // `{{ default "linux/amd64" .PLATFORM }}`) is what it outputs then, as `${VAR:-…}`'s default
      // is: literal, a list of its own; the rest is soft.
      const fallback = close > 0 && stop - i < MAX_ACTION_READ ? templateDefault(text, i + 2, close) : undefined;
      if (fallback) {
        flush();
        out.push(ALTERNATIVE + SOFT.repeat(fallback[0] - i - 1), text.slice(fallback[0], fallback[1]), ALTERNATIVE + SOFT.repeat(stop - fallback[1] - 1));
        lit = stop;
        i = stop;
        continue;
      }
      // A URL given to a function of the action (krew-release-bot's `{{addURIAndSha
      // "https://github.com/…/kubectl-x_linux_arm.tar.gz" .TagName}}`) is literal, between soft quotes.
      let at = i;
      const http = stop - i < MAX_ACTION_READ && depth < MAX_DEFAULT_DEPTH ? find('"http', i) : -1;
      if (http >= 0 && http < stop) {
        URL_LITERAL.lastIndex = i + 2;
        for (let m = URL_LITERAL.exec(text); m && m.index + m[0].length <= stop; m = URL_LITERAL.exec(text)) {
          const s = m.index + 1;
          const e = s + m[1].length;
          i = at;
          poison(at, s - 1);
          i = s - 1;
          soft(1);
          // A field in the URL (`download/{{ .TagName }}/…`) is templated in turn.
          out.push(maskTemplates(text, s, e, mode, depth + 1));
          out.push(SOFT);
          lit = e + 1;
          at = e + 1;
        }
      }
      i = at;
      poison(at, stop);
      i = stop;
      continue;
    }
    if (c === '`') {
      const close = find('`', i + 1);
      if (substitutions && close > 0) substitutions.push(i + 1, close);
      const stop = close < 0 ? lineEnd(text, i, end) : close + 1;
      poison(i, stop);
      i = stop;
      continue;
    }
    if (c === '<' && text[i + 1] === '+') {
      // Harness expressions: <+input>, <+stage.variables.goos>, <+input>.allowedValues(amd64,arm64).
      const stop = harnessEnd(text, i, end);
      poison(i, stop);
      i = stop;
      continue;
    }
    if (c === '<' && text[i + 1] === '<' && CIRCLECI_PARAMETER.test(text.slice(i, i + 80))) {
      // CircleCI parameters: << parameters.platform >>, <<pipeline.parameters.release-platforms>>
      const close = text.indexOf('>>', i + 2);
      poison(i, close + 2);
      i = close + 2;
      continue;
    }
    i++;
  }
  i = end;
  flush();
  return out.join('');
}

/** A CircleCI parameter (`<< parameters.platform >>`; names may hold `-`, and the spaces are optional). */
const CIRCLECI_PARAMETER = /^<< *[a-z_]+\.[\w.-]+ *>>/;

/**
 * The string literal a Go template action, text[from, to) inside `{{ }}`, outputs when the value
 * before it is unset: the last command of its pipeline, `… | default "…"` (quoted after it maybe,
 * `| quote`), or the whole action `default "…" .Field`; its contents' [start, end), or undefined.
 */
function templateDefault(text: string, from: number, to: number): [number, number] | undefined {
  const inner = text.slice(from, to);
  if (inner.indexOf('default') < 0 && inner.indexOf('d(') < 0) return undefined;
  const m = PIPE_DEFAULT.exec(inner) ?? PREFIX_DEFAULT.exec(inner);
  if (!m) return jinjaDefault(inner, from);
  // (A URL is read between soft quotes, as any URL given to a function of the action is.)
  if (m[2].indexOf('://') >= 0) return undefined;
  const s = from + m.index + m[0].indexOf('"') + 1;
  return [s, s + m[2].length];
}

/** Jinja's (Ansible's) `… | default('linux/amd64')` ending an expression, inner[…] at text[from]: its string's [start, end). */
function jinjaDefault(inner: string, from: number): [number, number] | undefined {
  const m = JINJA_DEFAULT.exec(inner);
  if (!m || m[3].indexOf('://') >= 0) return undefined;
  const s = from + m.index + m[0].indexOf(m[2], m[0].indexOf('(')) + 1;
  return [s, s + m[3].length];
}

/**
 * `| default "linux/amd64"` ending a pipeline, and `| quote` after it maybe (`-` trims the blanks
 * around an action). The quotes may be escaped, in a YAML string in double quotes (go-task's
 * `"{{.PLATFORMS | default \"linux/amd64\"}}"`).
 */
const PIPE_DEFAULT = /\|[ \t]*default[ \t]+(\\?)"([^"\\{}\n]{1,400})\1"(?:[ \t]*\|[ \t]*(?:quote|squote|trim|toString))*[ \t]*-?$/;
/**
 * Jinja's `| default('linux/amd64')` (or `d(…)`, with `, true` to take an empty value as unset too)
 * ending an expression, `| trim` or `| string` after it maybe; its quotes escaped maybe, in a YAML
 * string in double quotes.
 */
const JINJA_DEFAULT = /\|[ \t]*(?:default|d)[ \t]*\([ \t]*(\\?)(["'])([^"'\\{}\n]{1,400})\1\2[ \t]*(?:,[ \t]*(?:true|false|True|False)[ \t]*)?\)(?:[ \t]*\|[ \t]*(?:trim|string))*[ \t]*-?$/;
/** `default "linux/amd64" .Values.platform`, a whole action, `| quote` after it maybe. */
const PREFIX_DEFAULT = /^-?[ \t]*default[ \t]+(\\?)"([^"\\{}\n]{1,400})\1"[ \t]+[.$][\w.$]{0,200}(?:[ \t]*\|[ \t]*(?:quote|squote|trim|toString))*[ \t]*-?$/;

/** A double-quoted URL in a template action: `"https://…"`. */
const URL_LITERAL = /"(https?:\/\/(?:[^"\s{}]|\{\{[^"{}]*\}\})+)"/g;
/** Longest template action read for the URLs it is given. */
const MAX_ACTION_READ = 2000;

/** A templated part, its line ends kept: POISON characters. */
function poisoned(part: string): string {
  return part.indexOf('\n') < 0 ? POISON.repeat(part.length) : part.replace(/[^\n]/g, POISON);
}

/** A word among the arguments of a `$(call …)`. */
const CALL_WORD = /[^\s,\u0003]+/g;

/**
 * The arguments of a user's function (masked), with the words that are not platform-like masked:
 * an argument may be a platform (`linux/arm`, `arm`) or anything else the function takes, such as
 * the name of a variable to cache a value in and a command (`$(call lazyonce,_GOOS,go env GOOS)`).
 */
function callArguments(masked: string): string {
  return masked.replace(CALL_WORD, (w) => {
    // (A word with a slash is kept as written, a typo too: `linux/amd46`.)
    const platformLike = w.indexOf('/') >= 0 || w.indexOf(POISON) >= 0 || isGoOs(w) || resolveArch(w) !== undefined || parsePlatform(w, 'loose') !== undefined;
    return platformLike ? w : POISON.repeat(w.length);
  });
}

/**
 * make's functions whose value is made of their arguments' words, what follows `$(`: those that
 * choose among values (`$(if …)`, `$(or …)`, `$(and …)`), those that return their words
 * (`$(strip …)`, `$(sort …)`, `$(firstword …)`, `$(lastword …)`), and `$(call NAME,…)`, whose
 * arguments a user's function is given (`$(call IF_OVERRIDE_VARIABLE,IMAGE_PLATFORMS,linux/arm64)`),
 * `$(subst …)` that swaps a list's separators (see separatorSubst), and `$(foreach var,list,text)`,
 * whose text is made once for each word (`$(foreach s,$(SHIMS),docker buildx build --platform=…;)`).
 * Not `$(filter-out linux/arm,…)`: a pattern to take out is no platform to build.
 */
const MAKE_CHOICE = /^(if|or|and|strip|sort|firstword|lastword|call|subst|foreach)[ \t]+/;

/** The functions of MAKE_CHOICE whose arguments are alternatives, each a list of its own. */
const ALTERNATIVES = new Set(['if', 'or', 'and']);

/**
 * The masked arguments of an `$(if …)`, `$(or …)` or `$(and …)` (text[from, to), masked as
 * `masked`) with the commas between them made ALTERNATIVE: in `$(if $(RELEASE),linux/amd64
 * linux/arm64,linux/amd64)` the two branches are no one list.
 */
function alternatives(text: string, from: number, to: number, masked: string): string {
  const parts: string[] = [];
  let last = 0;
  for (let k = topLevelComma(text, from + 1, to); k >= 0; k = topLevelComma(text, k + 1, to)) {
    parts.push(masked.slice(last, k - from), ALTERNATIVE);
    last = k - from + 1;
  }
  parts.push(masked.slice(last));
  return parts.join('');
}

/** The name of a make variable that holds a separator, as Makefiles define them to join a list (`comma := ,`). */
export const SEPARATOR_VARIABLE = /^(?:space|comma|SPACE|COMMA|sp|SP|,)$/;

/** A `subst` argument that is a separator: ` `, `,`, `$(space)`, `$(comma)`, or nothing (`$(empty)`). */
function separatorArg(arg: string): boolean {
  const a = arg.trim();
  if (a === '' || a === ',') return true;
  const name = /^\$[({]([^(){}]*)[)}]$/.exec(a)?.[1];
  return name !== undefined && (SEPARATOR_VARIABLE.test(name) || name === 'empty' || name === 'EMPTY');
}

/**
 * `$(subst $(space),$(comma),linux/amd64 linux/arm64)` (what follows `$(subst ` at from): where
 * its text starts (its second comma), when it only swaps a list's separators; else -1 (a `subst`
 * that rewrites words makes something other than what it is given).
 */
function separatorSubst(text: string, from: number, to: number): number {
  const first = topLevelComma(text, from, to);
  if (first < 0 || !separatorArg(text.slice(from, first))) return -1;
  const second = topLevelComma(text, first + 1, to);
  return second >= 0 && separatorArg(text.slice(first + 1, second)) ? second : -1;
}

/**
 * The string literals of a GitHub Actions expression (text[from, to), inside `${{ }}`) that are
 * what it evaluates to: the operands of `&&` and `||` (`cond && 'linux/amd64' || 'linux/arm64'`),
 * the whole expression, and the argument of `fromJSON(…)`, also in parentheses and over several
 * lines; their contents' [start, end), or undefined when there is none. A string compared
 * (`== 'linux/arm'`) or given to another function (`contains(…, 'arm')`) is not one.
 */
function expressionResults(text: string, from: number, to: number): [number, number][] | undefined {
  let found: [number, number][] | undefined;
  const operand = (at: number) => (text[at] === '&' && text[at + 1] === '&') || (text[at] === '|' && text[at + 1] === '|');
  // What the expression may evaluate to starts it or follows `&&` or `||`, and ends it or comes before `||`.
  const opensAt = (b: number) => b === from || (b - 2 >= from && operand(b - 2));
  const closesAt = (a: number) => a === to || (text[a] === '|' && text[a + 1] === '|');
  const blankBefore = (k: number) => {
    while (k > from && BLANK.test(text[k - 1])) k--;
    return k;
  };
  const blankAfter = (k: number) => {
    while (k < to && BLANK.test(text[k])) k++;
    return k;
  };
  for (let k = from; k < to; k++) {
    if (text.charCodeAt(k) !== 39 /* ' */) continue;
    // A string runs to the next lone quote ('' is a quote in it).
    let e = k + 1;
    while (e < to && (text.charCodeAt(e) !== 39 || text.charCodeAt(e + 1) === 39)) e += text.charCodeAt(e) === 39 ? 2 : 1;
    if (e >= to) return found;
    let b = blankBefore(k);
    let a = blankAfter(e + 1);
    // Parentheses around it, and fromJSON('…') in its turn: what the call makes is what the string says.
    while (text[b - 1] === '(' && text[a] === ')') {
      const name = nameStart(text, from, b - 1);
      if (name < b - 1 && text.slice(name, b - 1).trim().toLowerCase() !== 'fromjson') break;
      b = blankBefore(name);
      a = blankAfter(a + 1);
    }
    if (opensAt(b) && closesAt(a) && e > k + 1) (found ??= []).push([k + 1, e]);
    k = e;
  }
  return found;
}

/** Spaces and tabs. */
const BLANKS = /[ \t]/g;

/** What may stand between the parts of an expression: it may run over several lines. */
const BLANK = /[ \t\r\n]/;

/** Where the name before text[paren] starts (blanks between them skipped), or paren when there is none. */
function nameStart(text: string, from: number, paren: number): number {
  let k = paren;
  while (k > from && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--;
  const end = k;
  while (k > from && /[\w-]/.test(text[k - 1])) k--;
  return k < end && /[A-Za-z_]/.test(text[k]) ? k : paren;
}

/** The first comma of text[from, to) outside brackets, or -1. */
/** The comma after the list of a `$(foreach var,list,text)` whose arguments are text[from, to); -1 if none. */
function secondComma(text: string, from: number, to: number): number {
  const first = topLevelComma(text, from, to);
  return first < 0 ? -1 : topLevelComma(text, first + 1, to);
}

function topLevelComma(text: string, from: number, to: number): number {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 40 || c === 123) depth++;
    else if (c === 41 || c === 125) depth--;
    else if (c === 44 && depth === 0) return k;
  }
  return -1;
}

/** make's shell function: `$(shell cmd)`, what follows `$(`. */
const MAKE_SHELL = /^shell[ \t]/;

/** How many `{{` text[from, to) holds. */
function opensIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k + 1 < to; k++) {
    if (text.charCodeAt(k) === 123 && text.charCodeAt(k + 1) === 123) {
      n++;
      k++;
    }
  }
  return n;
}

/** The characters a template can start with: `$`, a backtick, `{{`, `{%`, `<%`, `<x`, `#{`, `((`, `@x`, `%x`. */
const MAYBE = /[$`{<(#@%]/;
const MAYBE_G = /[$`{<(#@%]/g;

/** What follows the `$` of an expansion: a brace, a parenthesis, a name. */
const ESCAPED_EXPANSION = /[{(A-Za-z_]/;
const BRACKET_G = /[(){}]/g;

const CONCOURSE_VAR = /^\(\(\s*[A-Za-z0-9_.:\/-]+\s*\)\)/;
const AT_PLACEHOLDER = /^@[A-Za-z_][A-Za-z0-9_]*@/;
/** `%ARCH%`, and cmd's substitution and substring of a variable: `%PLATFORM:i386=386%`, `%ARCH:~0,5%`. */
const PERCENT_PLACEHOLDER = /^%[A-Za-z_][A-Za-z0-9_]*(?::[^%\n]{1,60})?%/;
const ANGLE_PLACEHOLDER = /^<[A-Za-z_][A-Za-z0-9_.-]*>/;

/**
 * Just past the Harness expression at `open` (`<+`): its `>` (expressions nest:
 * `<+<+pipeline.variables.os>.toLowerCase()>`) and the method calls after it
 * (`.allowedValues(amd64,arm64)`); the line's end when it is not closed there.
 */
function harnessEnd(text: string, open: number, end: number): number {
  let depth = 0;
  let k = open;
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) return k;
    if (c === 60 && text.charCodeAt(k + 1) === 43) {
      depth++;
      k++;
    } else if (c === 62 && --depth === 0) break;
  }
  if (k >= end) return end;
  k++;
  for (let m = HARNESS_CALL.exec(text.slice(k, Math.min(end, k + 200))); m; m = HARNESS_CALL.exec(text.slice(k, Math.min(end, k + 200)))) k += m[0].length;
  return k;
}

/** A method call after a Harness expression: `.allowedValues(amd64,arm64)`, `.default(linux)`. */
const HARNESS_CALL = /^\.[A-Za-z_]\w*\([^()\n]*\)/;

/** Just past the `]` that closes the `[` at `open` (nested brackets counted), or the line's end. */
function closeSquare(text: string, open: number, end: number): number {
  let depth = 0;
  for (let k = open; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) return k;
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return k + 1;
  }
  return end;
}

/** The closer of a one-line construct opened by the two characters `c` and `n`, if they open one. */
function lineCloser(c: string, n: string | undefined): string | undefined {
  if (c === '{') return n === '%' ? '%}' : n === '#' ? '#}' : undefined;
  if (c === '#') return n === '{' ? '}' : undefined;
  if (c === '<') return n === '%' ? '%>' : undefined;
  return undefined;
}

/** A letter or `_`: what a placeholder's name starts with (`@GOARCH@`, `<arch>`). */
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The index of `needle` (one or two characters) in text[from, end), or -1. */
function scanFor(text: string, needle: string, from: number, end: number): number {
  const a = needle.charCodeAt(0);
  if (needle.length === 1) {
    for (let k = from; k < end; k++) if (text.charCodeAt(k) === a) return k;
    return -1;
  }
  const b = needle.charCodeAt(1);
  for (let k = from; k + 1 < end; k++) if (text.charCodeAt(k) === a && text.charCodeAt(k + 1) === b) return k;
  return -1;
}

function lineEnd(text: string, from: number, end: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 || nl > end ? end : nl;
}

/**
 * For every `(` and `{` in text[start, end): the index just past its matching bracket, or -1.
 * One pass with a stack per bracket kind, so unclosed brackets cost nothing extra.
 */
function matchAll(text: string, start: number, end: number): Int32Array {
  const out = new Int32Array(end - start).fill(-1);
  const parens: number[] = [];
  const braces: number[] = [];
  // (From bracket to bracket by a character class: most of a script is none.)
  for (let k = start; k < end; k++) {
    BRACKET_G.lastIndex = k;
    if (!BRACKET_G.test(text) || BRACKET_G.lastIndex > end) break;
    k = BRACKET_G.lastIndex - 1;
    const c = text.charCodeAt(k);
    if (c === 40) parens.push(k);
    else if (c === 123) braces.push(k);
    else if (c === 41) {
      const o = parens.pop();
      if (o !== undefined) out[o - start] = k + 1;
    } else if (c === 125) {
      const o = braces.pop();
      if (o !== undefined) out[o - start] = k + 1;
    }
  }
  return out;
}
