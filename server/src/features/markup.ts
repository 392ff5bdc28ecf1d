// Types only: the CLI imports plainText, and must not load vscode-languageserver to start.
import type { MarkupContent } from 'vscode-languageserver';

/** A table's separator row: `| --- | --- |`. */
const TABLE_RULE = /^\|(?:\s*:?-+:?\s*\|)+\s*$/;

/**
 * The Markdown of hovers and completion documentation as plain text, for clients that show only
 * plain text (they say so in `hover.contentFormat`, `completionItem.documentationFormat`): no
 * emphasis or code marks, links as `text (url)`, table rows as `name: value`.
 */
export function plainText(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (TABLE_RULE.test(line)) continue;
    // A table's header row is the line above its rule: the rows say what they are.
    if (i + 1 < lines.length && TABLE_RULE.test(lines[i + 1])) continue;
    const row = /^\|(.*)\|\s*$/.exec(line);
    const text = row ? row[1].split('|').map((c) => c.trim()).reduce((a, c, k) => (k === 0 ? c : k === 1 ? `${a}: ${c}` : `${a}; ${c}`), '') : line;
    out.push(
      links(text)
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/`([^`]*)`/g, '$1'),
    );
  }
  return out.join('\n');
}

/** `[text](url)` as `text (url)`, and `[url](url)` as `url`; found with indexOf, in one pass. */
function links(line: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const middle = line.indexOf('](', i);
    if (middle < 0) break;
    // The `[` of the link: the last one between here and `](` (none: not a link).
    const first = line.indexOf('[', i);
    const open = first < 0 || first > middle ? -1 : line.lastIndexOf('[', middle);
    const close = line.indexOf(')', middle + 2);
    if (close < 0) break;
    if (open < 0) {
      out += line.slice(i, middle + 2);
      i = middle + 2;
      continue;
    }
    const text = line.slice(open + 1, middle);
    const url = line.slice(middle + 2, close);
    out += line.slice(i, open) + (text === url ? url : `${text} (${url})`);
    i = close + 1;
  }
  return out + line.slice(i);
}

/**
 * Whether a client is sent Markdown: its list of formats is in order of preference, so Markdown
 * when it comes before plaintext. A client that names no format has not said it shows Markdown,
 * and plain text is what every client can show.
 */
export function prefersMarkdown(formats: unknown): boolean {
  if (!Array.isArray(formats)) return false;
  for (const f of formats) {
    if (f === 'markdown') return true;
    if (f === 'plaintext') return false;
  }
  return false;
}

/** Markdown content as the client takes it. */
export function markup(markdown: string, asMarkdown: boolean): MarkupContent {
  return asMarkdown ? { kind: 'markdown', value: markdown } : { kind: 'plaintext', value: plainText(markdown) };
}
