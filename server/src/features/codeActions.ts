import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../rules/finding';
import { SOURCE, rangeOf, toDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.k8s-platforms`;

/** Whether a requested kind (`source`, `quickfix`) selects an action kind. */
function selects(only: string[] | undefined, kind: string): boolean {
  // (The empty kind, CodeActionKind.Empty, is every kind's parent, as VS Code's kinds have it.)
  return only === undefined || only.some((k) => k === '' || k === kind || kind.startsWith(`${k}.`));
}

export interface EditStyle {
  /** The client takes versioned `documentChanges`, so an edit made for an old version is refused. */
  documentChanges: boolean;
}

function workspaceEdit(doc: TextDocument, edits: TextEdit[], style: EditStyle): WorkspaceEdit {
  if (style.documentChanges) return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  return { changes: { [doc.uri]: edits } };
}

function replaceEdit(doc: TextDocument, f: Finding, text: string): TextEdit {
  return { range: rangeOf(doc, f.start, f.end), newText: text };
}

function removeEdit(doc: TextDocument, f: Finding): TextEdit | undefined {
  const r = f.data.remove;
  return r ? { range: rangeOf(doc, r.start, r.end), newText: '' } : undefined;
}

/** The title of a fix that leaves `what` out of a cross product: a goreleaser build's ignore entry, a matrix's exclude entry. */
function excludeTitle(list: string, what: string): string {
  return list === 'ignore' ? `Ignore ${what} in the build` : `Exclude ${what} from the matrix`;
}

/** Fixes that change nothing but spelling or repetition: what fix-all applies without asking. */
/** A safe fix as a text edit; `token` is where the finding's token starts. */
interface SafeEdit {
  start: number;
  end: number;
  text: string;
  token: number;
}

function safeEdit(f: Finding): SafeEdit | undefined {
  if (f.code === 'non-canonical-platform' && f.data.replacements?.[0]) return { start: f.start, end: f.end, text: f.data.replacements[0], token: f.start };
  if (f.code === 'duplicate-platform' && f.data.remove) return { start: f.data.remove.start, end: f.data.remove.end, text: '', token: f.start };
  return undefined;
}

/**
 * `repeat`: the token's duplicate-platform finding, when it is also a repeat in its list
 * (`linux/amd64,linux/x86_64`). Respelling it would only make the repeat plain, so the removal is
 * the one fix, and the one preferred, for either diagnostic.
 */
function quickFixes(doc: TextDocument, f: Finding, diagnostic: Diagnostic, style: EditStyle, repeat: Finding | undefined, later: readonly Finding[] = []): CodeAction[] {
  const out: CodeAction[] = [];
  const token = doc.getText().slice(f.start, f.end);
  // A typo of an item the list holds already (`linux/amd64,linux/amd46`): its removal first.
  const listed = f.code === 'unknown-platform' && f.data.listed === true && f.data.remove !== undefined;
  // An alias whose platform the list names again later (`linux/aarch64,linux/arm64`): respelled, it
  // would be a repeat; the later ones go with it, their removals joined as fix-all joins them.
  const repeats = f.code === 'non-canonical-platform' ? later.filter((x) => x.data.remove) : [];
  const withRepeatsGone = (r: string): TextEdit[] =>
    mergeSafeEdits(doc.getText(), [{ start: f.start, end: f.end, text: r, token: f.start }, ...repeats.map((x) => ({ start: x.data.remove!.start, end: x.data.remove!.end, text: '', token: x.start }))].sort((a, b) => a.start - b.start || a.end - b.end)).map((e) => ({
      range: rangeOf(doc, e.start, e.end),
      newText: e.text,
    }));
  // (A removed platform whose message says what was meant, `linux/arm/v8`: arm64/v8, the fix to prefer.)
  const meant = f.code === 'removed-platform' && (f.data.replacements?.length ?? 0) > 0;
  if (f.code === 'unknown-platform' || (f.code === 'non-canonical-platform' && !repeat) || meant) {
    (f.data.replacements ?? []).forEach((r, i) => {
      if (r === token) return;
      out.push({
        title: repeats.length > 0 ? `Replace with ${r} and remove the ${repeats.length === 1 ? 'repeat' : 'repeats'} after it` : `Replace with ${r}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(i === 0 && !listed ? { isPreferred: true } : {}),
        edit: workspaceEdit(doc, repeats.length > 0 ? withRepeatsGone(r) : [replaceEdit(doc, f, r)], style),
      });
    });
  }
  // A matrix's value that makes no valid pair (plan9 beside arches only linux builds) can go whole:
  // that removal is the fix to prefer, not an exclude entry for each of its pairs.
  const unpaired = f.code === 'unknown-platform' && !listed && f.data.remove !== undefined && !f.data.shared;
  const removable = f.code === 'removed-platform' || f.code === 'duplicate-platform' || f.code === 'unsupported-platform' || listed || unpaired;
  // A value of a cross product built with others too (`arm` of goos [linux, freebsd] × goarch [amd64,
  // arm]): an exclude entry leaves out this platform alone, which removing the value would not.
  const exclude = f.code === 'removed-platform' || f.code === 'unknown-platform' ? f.data.exclude : undefined;
  // (Or the pairs of other verdicts said in a removed platform's message: linux/arm and darwin/arm.)
  const excludes = f.code === 'unknown-platform' || f.code === 'removed-platform' ? f.data.excludes : undefined;
  if (excludes) {
    // Every pair the message names (windows/riscv64 and darwin/riscv64) in one edit, then each alone.
    const at = excludes[0]!.at;
    if (excludes.length > 1 && excludes.every((e) => e.at === at && e.list === excludes[0]!.list)) {
      const first = excludes[0]!;
      const text = first.text.slice(0, first.head) + excludes.map((e) => e.text.slice(e.head, e.text.length - e.tail)).join(first.sep) + first.text.slice(first.text.length - first.tail);
      const names = excludes.map((e) => e.platform);
      const what = names.length <= 3 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : `these ${names.length} platforms`;
      out.push({
        title: excludeTitle(first.list, what),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(f.data.excludesAll && !unpaired ? { isPreferred: true } : {}),
        edit: workspaceEdit(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, newText: text }], style),
      });
    }
    for (const e of excludes) {
      const pos = doc.positionAt(e.at);
      out.push({
        title: excludeTitle(e.list, e.platform),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: workspaceEdit(doc, [{ range: { start: pos, end: pos }, newText: e.text }], style),
      });
    }
  } else if (exclude) {
    const at = doc.positionAt(exclude.at);
    out.push({
      title: excludeTitle(exclude.list, f.data.platform ?? token),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      ...(f.data.incomplete || unpaired ? {} : { isPreferred: true }),
      edit: workspaceEdit(doc, [{ range: { start: at, end: at }, newText: exclude.text }], style),
    });
  }
  if (removable || (f.code === 'non-canonical-platform' && repeat)) {
    const edit = removeEdit(doc, removable ? f : repeat!);
    if (edit) {
      out.push({
        // (An entry that names its platform whole is named as written: linux/arm/v7, not linux/arm.)
        title: f.data.entry ? `Remove the matrix entry for ${token.includes('/') ? token : (f.data.platform ?? token)}` : f.data.shared ? `Remove ${token} from the list (for every combination)` : `Remove ${token} from the list`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        // (Not preferred where it drops other combinations too: no fix applied without a look does that.)
        ...(f.code !== 'unsupported-platform' && !f.data.shared && !meant ? { isPreferred: true } : {}),
        edit: workspaceEdit(doc, [edit], style),
      });
    }
  }
  return out;
}

/** What a fix-all offered without its edit carries, for codeAction/resolve to make the edit for that version. */
export interface FixAllData {
  k8sPlatformsFixAll: true;
  uri: string;
  version: number;
}

export function isFixAllData(data: unknown): data is FixAllData {
  const d = data as Partial<FixAllData> | null | undefined;
  return typeof d === 'object' && d !== null && d.k8sPlatformsFixAll === true && typeof d.uri === 'string' && typeof d.version === 'number';
}

/**
 * Safe edits sorted by start, made into edits that do not overlap: removals that touch are joined
 * into one (with the separator before the first), an edit overlapping one kept before is dropped.
 */
function mergeSafeEdits(text: string, edits: readonly SafeEdit[]): SafeEdit[] {
  const kept: SafeEdit[] = [];
  for (const e of edits) {
    let last = kept[kept.length - 1];
    if (last && e.start < last.end) {
      // Repeats at the end of a list (`a,b,b,b`): the last one's range takes the separator before
      // it, which the one before takes too. Remove the whole run of removals that touch (`a,b,a,b,a`
      // removes `a,b,a` after `a,b`), with the separator before its first; never into an edit kept before.
      if (last.text !== '' || e.text !== '') continue;
      last.end = Math.max(last.end, e.end);
      for (let prev = kept[kept.length - 2]; prev && prev.text === '' && prev.end >= last.start; prev = kept[kept.length - 2]) {
        prev.end = Math.max(prev.end, last.end);
        kept.pop();
        last = prev;
      }
      const floor = kept.length > 1 ? kept[kept.length - 2].end : 0;
      let start = last.start;
      // The list's last item takes the separator before it (` \` and a line break, in a list of
      // lines): so does the run that ends with it, or its lines' ends would stay behind.
      const separator = e.start < e.token ? /[ \t,\\\r\n]/ : /[ \t,]/;
      while (start > floor && separator.test(text[start - 1])) start--;
      last.start = start;
      continue;
    }
    kept.push({ ...e });
  }
  return kept;
}

/**
 * The fix-all action: every safe fix in the document, in one edit, none overlapping. `deferred`:
 * without its edit, which codeAction/resolve makes (see FixAllData).
 */
export function fixAllAction(doc: TextDocument, findings: readonly Finding[], style: EditStyle, deferred = false): CodeAction | undefined {
  const edits = findings
    .map(safeEdit)
    .filter((e): e is SafeEdit => e !== undefined)
    // A repeat that is also an alias has a removal and a respelling: the removal comes first and wins.
    .sort((a, b) => a.start - b.start || Number(a.text !== '') - Number(b.text !== '') || a.end - b.end);
  const kept = mergeSafeEdits(doc.getText(), edits);
  if (kept.length === 0) return undefined;
  const action = { title: 'Fix all safe k8s-platforms problems (canonical spellings, repeats)', kind: FIX_ALL_KIND };
  if (deferred) return { ...action, data: { k8sPlatformsFixAll: true, uri: doc.uri, version: doc.version } satisfies FixAllData };
  return { ...action, edit: workspaceEdit(doc, kept.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.text })), style) };
}

/** From how many diagnostics of a request the findings are indexed (see codeActions). */
const INDEX_FROM = 8;

/** The first finding of each range and code. */
function indexByRange(findings: readonly Finding[]): Map<string, Finding> {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const k = `${f.start}:${f.end}:${f.code}`;
    if (!byKey.has(k)) byKey.set(k, f);
  }
  return byKey;
}

/** How many findings a range's quick fixes are offered for when the client sends no diagnostics. */
const MAX_TOUCHED = 200;

/** The findings a range touches (a cursor at a token's end too), MAX_TOUCHED at most. */
function touched(doc: TextDocument, findings: readonly Finding[], range: CodeActionParams['range']): Finding[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.start <= to && f.end >= from) out.push(f);
    if (out.length >= MAX_TOUCHED) break;
  }
  return out;
}

/**
 * Code actions for the diagnostics the client sends back, or for the findings the range touches
 * when it sends an empty list. Each is matched to a finding of the current version (same code and
 * range), so an edit never uses offsets from an older version.
 */
export function codeActions(doc: TextDocument, findings: readonly Finding[], params: CodeActionParams, style: EditStyle, resolvesEdits = false): CodeAction[] {
  // (A client that sends no context, or no list of diagnostics, asks for no quick fix.)
  // (An `only` that is not a list of kinds, a client's bug, filters nothing.)
  const asked: unknown = params.context?.only;
  const only = Array.isArray(asked) ? asked.filter((k): k is string => typeof k === 'string') : undefined;
  const out: CodeAction[] = [];
  if (selects(only, CodeActionKind.QuickFix)) {
    const sent: unknown = params.context?.diagnostics;
    let ours = Array.isArray(sent) ? (sent as Diagnostic[]).filter((d) => d?.source === SOURCE) : [];
    // None of ours sent (a client that sends none, or whose diagnostics are not in yet): the LSP
    // computes code actions for the range, the diagnostics being a hint, so the findings it
    // touches are fixed (QA 284 B2). Sent ones that are stale get no fix: they are not these.
    if (ours.length === 0 && Array.isArray(sent) && sent.length === 0) ours = touched(doc, findings, params.range).map((f) => toDiagnostic(doc, f));
    // An editor sends the diagnostics under the cursor, or every one of a selection (of the whole
    // file, for select-all): for many, the findings are looked up by range and code, not searched
    // once per diagnostic.
    const byKey = ours.length > INDEX_FROM ? indexByRange(findings) : undefined;
    const findingAt = (start: number, end: number, code: unknown) => (byKey ? byKey.get(`${start}:${end}:${code}`) : findings.find((x) => x.start === start && x.end === end && x.code === code));
    let sentRepeats: Set<string> | undefined;
    let repeatsOf: Map<string, Finding[]> | undefined;
    for (const d of ours) {
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      const f = findingAt(start, end, d.code);
      if (!f) continue;
      const dup = findingAt(start, end, 'duplicate-platform');
      const repeat = dup?.data.remove ? dup : undefined;
      // (The hint's removal is the duplicate's: offered once when the client sends both.)
      if (f.code === 'non-canonical-platform' && repeat) {
        sentRepeats ??= new Set(ours.filter((x) => x.code === 'duplicate-platform').map((x) => `${doc.offsetAt(x.range.start)}:${doc.offsetAt(x.range.end)}`));
        if (sentRepeats.has(`${start}:${end}`)) continue;
      }
      // (The repeat of an alias's platform later in its list, found by the repeat's `first`.)
      let later: Finding[] | undefined;
      if (f.code === 'non-canonical-platform' && !repeat) {
        if (!repeatsOf) {
          repeatsOf = new Map();
          for (const x of findings) {
            if (x.code !== 'duplicate-platform' || !x.first || !x.data.remove) continue;
            const k = `${x.first.start}:${x.first.end}`;
            const list = repeatsOf.get(k);
            if (list) list.push(x);
            else repeatsOf.set(k, [x]);
          }
        }
        later = repeatsOf.get(`${start}:${end}`);
      }
      out.push(...quickFixes(doc, f, d, style, repeat, later));
    }
  }
  if (selects(only, FIX_ALL_KIND)) {
    // Asked for every kind, as an editor asks at each move of the cursor, a client that resolves
    // edits gets the fix-all without its edit (thousands of edits in a big file), made when chosen.
    const all = fixAllAction(doc, findings, style, resolvesEdits && only === undefined);
    if (all) out.push(all);
  }
  return out;
}
