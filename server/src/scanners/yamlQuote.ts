/**
 * A name written where a YAML plain scalar was: `value: i386` fixed to `386` would be an integer
 * (Kubernetes refuses an env value that is not a string), so such a name is written quoted.
 */

/** How far either side of a name wholePlainScalar reads. */
const WINDOW = 400;

/** What a YAML 1.2 core (or 1.1) reader takes for a number, a boolean or null rather than a string. */
const NOT_A_STRING = /^(?:[-+]?(?:[0-9][0-9_]*|0x[0-9a-fA-F]+|0o[0-7]+|[0-9]*\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.inf)|\.nan|true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * `name` as it must be written over text[start, end) of a YAML text: double-quoted where that span
 * is a whole plain scalar (a mapping's value, a block item, a flow item) and the name would be read
 * as something other than a string; as it is otherwise.
 */
export function yamlScalarText(text: string, start: number, end: number, name: string): string {
  if (!NOT_A_STRING.test(name) || !wholePlainScalar(text, start, end)) return name;
  return `"${name}"`;
}

/**
 * Whether text[start, end) is a whole plain scalar of its line: after `key: `, `- ` or `? `, or an
 * item of a flow collection opened on that line. Read within WINDOW characters either side (a
 * flow list of 100,000 items on one line is not read whole for each of them): a flow collection
 * opened further back is not seen, and the name is left as it is.
 */
export function wholePlainScalar(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // (Cut short, the window's start is no line start: `x` stands for what was before it.)
  const before = (start - WINDOW > lineStart ? 'x' : '') + text.slice(Math.max(lineStart, start - WINDOW), start);
  const tail = text.slice(end, end + WINDOW);
  const nl = tail.indexOf('\n');
  const after = nl < 0 ? tail : tail.slice(0, nl);
  if (/:[ \t]+$|(?:^|[ \t])[-?][ \t]+$/.test(before) && /^[ \t]*(?:#.*)?\r?$/.test(after)) return true;
  // (In a flow collection opened before it on the line and not closed: `goarch: [amd64, i386]`, `{GOARCH: i386}`.)
  if (!/(?:[[{,]|:[ \t])[ \t]*$/.test(before) || !/^[ \t]*(?:[,\]}]|#|\r?$)/.test(after)) return false;
  const open = Math.max(before.lastIndexOf('['), before.lastIndexOf('{'));
  return open >= 0 && open > Math.max(before.lastIndexOf(']'), before.lastIndexOf('}')) && !/["']/.test(before.slice(open));
}
