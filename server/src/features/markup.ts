import { MarkupKind, type MarkupContent } from 'vscode-languageserver';

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
      text
        .replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, (_, t: string, u: string) => (t === u ? u : `${t} (${u})`))
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/`([^`]*)`/g, '$1'),
    );
  }
  return out.join('\n');
}

/** Which format a client takes, from its list of formats in order of preference (none: Markdown). */
export function prefersMarkdown(formats: unknown): boolean {
  if (!Array.isArray(formats) || formats.length === 0) return true;
  return formats.includes(MarkupKind.Markdown);
}

/** Markdown content as the client takes it. */
export function markup(markdown: string, asMarkdown: boolean): MarkupContent {
  return asMarkdown ? { kind: MarkupKind.Markdown, value: markdown } : { kind: MarkupKind.PlainText, value: plainText(markdown) };
}
