import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource,
  LSPErrorCodes,
  ResponseError,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type Position,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient, corpusRoot, editorCapabilities, editsFor } from '../support/lspClient';
import { detectFileKind, judge, scanText } from '../../server/src/lint';
import { builtinModel } from '../../server/src/model/load';
import { parseSettings } from '../../server/src/features/settings';
import { noteDiagnostic, toDiagnostics } from '../../server/src/features/diagnostics';
import { partialNote, skipReason } from '../../server/src/features/documents';
import { uriPath } from '../../server/src/features/uris';
import { TYPED, cursor, editorPosition, lineStarts, offsetOf, positionAt, prng, randomChange, randomPosition, randomSettings, rangeInside, type FuzzDoc } from './fuzzEdits';

/**
 * A live fuzz of the built server over stdio: random incremental edits on documents of every kind,
 * interleaved with hovers, completions, code actions, cancellations and settings changes. At
 * checkpoints the edits stop, settings settle, and the last published diagnostics of every document
 * must belong to its latest version and equal a fresh scan of its text by the engine.
 *
 * K8S_PLATFORMS_FUZZ_EDITS: number of edits (default 5000); K8S_PLATFORMS_FUZZ_SEED: replay a seed.
 */
const EDITS = Number(process.env.K8S_PLATFORMS_FUZZ_EDITS ?? 5000);
// A fixed default seed keeps CI deterministic; set K8S_PLATFORMS_FUZZ_SEED=random (or a number) to explore.
const SEED = process.env.K8S_PLATFORMS_FUZZ_SEED === "random" ? (Date.now() ^ (process.pid << 16)) >>> 0 : process.env.K8S_PLATFORMS_FUZZ_SEED !== undefined ? Number(process.env.K8S_PLATFORMS_FUZZ_SEED) : 618450873;
/** Edits between two checkpoints. */
const CHECKPOINT_EVERY = 500;

/** What a fresh scan of the text says under the settings the server applies (with the built-in model). */
function freshDiagnostics(doc: FuzzDoc, rawSettings: unknown): Diagnostic[] {
  const { settings } = parseSettings(rawSettings);
  if (!settings.enable) return [];
  const text = doc.text;
  const nl = text.indexOf('\n');
  const firstLine = (nl < 0 ? text.slice(0, 200) : text.slice(0, Math.min(nl, 200))).replace(/\r$/, '');
  const kind = detectFileKind(uriPath(doc.uri), doc.languageId, firstLine);
  if (!kind) return [];
  const skip = skipReason(text, Buffer.byteLength(text, 'utf8'), settings.maxFileSize);
  if (skip) return [JSON.parse(JSON.stringify(noteDiagnostic(`Not checked: ${skip.reason}.`)))];
  const scan = scanText(text, kind);
  const diagnostics = toDiagnostics(TextDocument.create(doc.uri, doc.languageId, doc.version, text), judge(scan, builtinModel(), settings.lint));
  if (scan.notes.length > 0) diagnostics.push(noteDiagnostic(partialNote(scan.notes)));
  return JSON.parse(JSON.stringify(diagnostics));
}

/** The YAML files of the corpus as one multi-document stream: a bigger document of many blocks. */
const STREAM = [
  'gha-buildx/.github/workflows/release.yml',
  'gha-go-release/.github/workflows/go-release.yml',
  'prow-jobs/config/jobs/fleet/fleet-release.yaml',
  'ko-build/.ko.yaml',
  'gitlab/.gitlab-ci.yml',
];

/** A workflow whose every job's steps are written `times` times: long jobs, cut at their steps (chunks.ts StepCut). */
function longJobs(text: string, times: number): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const m = /^( +)steps:\s*$/.exec(lines[i]);
    if (!m) continue;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j];
      if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
      const indent = l.length - l.trimStart().length;
      if (indent < m[1].length || (indent === m[1].length && !l.trimStart().startsWith('-'))) break;
    }
    for (let k = 0; k < times; k++) out.push(...lines.slice(i + 1, j));
    i = j - 1;
  }
  return out.join('\n');
}

const SOURCES: { file: string | string[]; uri: string; languageId: string; crlf?: boolean; longSteps?: number }[] = [
  { file: 'gha-go-release/.github/workflows/go-release.yml', uri: 'file:///virtual/fuzz/long/.github/workflows/go-release.yml', languageId: 'github-actions-workflow', longSteps: 25 },
  { file: 'gha-buildx/.github/workflows/release.yml', uri: 'file:///virtual/fuzz/.github/workflows/release.yml', languageId: 'github-actions-workflow' },
  { file: 'gha-go-matrix/.github/workflows/build.yml', uri: 'file:///virtual/fuzz/crlf/.github/workflows/build.yml', languageId: 'yaml', crlf: true },
  { file: 'goreleaser-cli/.goreleaser.yaml', uri: 'file:///virtual/fuzz/.goreleaser.yaml', languageId: 'yaml' },
  { file: 'gitlab/.gitlab-ci.yml', uri: 'file:///virtual/fuzz/.gitlab-ci.yml', languageId: 'yaml' },
  { file: 'k8s-cross/Makefile', uri: 'file:///virtual/fuzz/Makefile', languageId: 'makefile' },
  { file: 'multiarch/Dockerfile', uri: 'file:///virtual/fuzz/Dockerfile', languageId: 'dockerfile' },
  { file: 'kube-release/hack/cross-build.sh', uri: 'file:///virtual/fuzz/hack/cross-build.sh', languageId: 'shellscript' },
  { file: [...STREAM, ...STREAM], uri: 'file:///virtual/fuzz/deploy/stream.yaml', languageId: 'yaml' },
];

interface Stats {
  edits: number;
  didChanges: number;
  hovers: number;
  completions: number;
  codeActions: number;
  cancelled: number;
  cancelledAnswered: number;
  cancelledRefused: number;
  settings: number;
  reopens: number;
  publications: number;
  checkpoints: number;
  diagnosticsCompared: number;
  pulls: number;
}

/**
 * One fuzz session. `push`: the server publishes diagnostics. `pull`: the client pulls them
 * (textDocument/diagnostic with the previous result id), as VS Code does when the server offers it.
 */
async function session(mode: 'push' | 'pull', edits: number, seed: number): Promise<void> {
  const rng = prng(seed);
  const trail: string[] = [];
  const note = (s: string) => {
    trail.push(s);
    if (trail.length > 30) trail.shift();
  };
  const stats: Stats = {
    edits: 0,
    didChanges: 0,
    hovers: 0,
    completions: 0,
    codeActions: 0,
    cancelled: 0,
    cancelledAnswered: 0,
    cancelledRefused: 0,
    settings: 0,
    reopens: 0,
    publications: 0,
    checkpoints: 0,
    diagnosticsCompared: 0,
    pulls: 0,
  };
  const t0 = Date.now();
  const read = (f: string) => readFileSync(join(corpusRoot, f), 'utf8');
  const corpus = SOURCES.map((s) => (typeof s.file === 'string' ? (s.longSteps ? longJobs(read(s.file), s.longSteps) : read(s.file)) : s.file.map(read).join('---\n')));
  let rawSettings: unknown = {};
  const pullMode = mode === 'pull';
  const client = await LspClient.start({ capabilities: editorCapabilities({ documentChanges: true, pull: pullMode, refresh: pullMode }), settings: {} });
  /** The last full report pulled per document: what the client shows, and the id it sends next. */
  const reports = new Map<string, { resultId: string; items: Diagnostic[] }>();
  const docs: FuzzDoc[] = SOURCES.map((s, i) => {
    const text = s.crlf ? corpus[i].replace(/\n/g, '\r\n') : corpus[i];
    return {
      uri: s.uri,
      languageId: s.languageId,
      text,
      version: 1,
      texts: [new Map([[1, text]])],
      seen: 0,
      lastPublished: 0,
      closes: 0,
      unversioned: 0,
      initialLength: text.length,
      original: text,
    };
  });
  let pending: Promise<void>[] = [];
  const failures: string[] = [];
  /** Every request sent so far is answered (generously bounded: the machine may be busy). */
  const answered = async () => {
    const all = Promise.all(pending);
    const count = pending.length;
    pending = [];
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), 30_000)));
    const outcome = await Promise.race([all, late]);
    clearTimeout(timer);
    assert.notEqual(outcome, 'late', `${count} requests not all answered within 30 s`);
  };

  try {
    for (const d of docs) client.open(d.uri, d.languageId, d.text, d.version);

    /** Every publication so far: versioned, in order, ranges inside the text of its version. */
    const checkPublications = () => {
      if (pullMode) assert.equal(client.published.size, 0, 'a pull client gets no pushed diagnostics');
      for (const d of docs) {
        const list = client.published.get(d.uri) ?? [];
        for (; d.seen < list.length; d.seen++) {
          const p = list[d.seen];
          stats.publications++;
          if (p.version === undefined) {
            d.unversioned++;
            assert.ok(d.unversioned <= d.closes, `${d.uri}: a publication without a version while the document is open`);
            assert.deepEqual(p.diagnostics, [], `${d.uri}: an unversioned publication clears`);
            d.lastPublished = 0;
            continue;
          }
          assert.ok(p.version >= d.lastPublished, `${d.uri}: version ${p.version} published after ${d.lastPublished}`);
          d.lastPublished = p.version;
          const texts = d.texts[d.unversioned];
          const text = texts.get(p.version);
          assert.ok(text !== undefined, `${d.uri}: published version ${p.version} was never sent`);
          for (const v of texts.keys()) if (v < p.version) texts.delete(v);
          const starts = lineStarts(text);
          for (const diag of p.diagnostics) {
            assert.ok(rangeInside(text, starts, diag.range), `${d.uri} v${p.version}: ${JSON.stringify(diag.range)} lies outside the text`);
            assert.equal(diag.source, 'k8s-platforms');
            // (A finding carries its version for its fixes; a note, "Not checked: …", has no fix.)
            if (diag.code !== undefined) assert.equal((diag.data as { version?: number }).version, p.version);
            else assert.match(diag.message, /^(?:Not checked|Checked only in part): /, JSON.stringify(diag));
          }
        }
      }
    };

    const track = <T>(what: string, request: Promise<T>, check: (result: T) => void, cancellable = false) => {
      pending.push(
        request.then(
          (result) => {
            if (cancellable) stats.cancelledAnswered++;
            try {
              check(result);
            } catch (e) {
              failures.push(`${what}: ${(e as Error).message}`);
            }
          },
          (e: unknown) => {
            if (cancellable && e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled) {
              stats.cancelledRefused++;
              return;
            }
            failures.push(`${what}: answered with an error: ${e instanceof ResponseError ? `${e.code} ${e.message}` : String(e)}`);
          },
        ),
      );
    };

    const request = (d: FuzzDoc, cancel: boolean, typedAt?: Position) => {
      const text = d.text;
      const version = d.version;
      const starts = lineStarts(text);
      const position = typedAt ?? randomPosition(d, rng);
      const at = offsetOf(text, starts, position);
      const source = new CancellationTokenSource();
      const kind = typedAt ? (rng.chance(0.85) ? 0.5 : 0.1) : rng.next();
      const pulling = pullMode && rng.chance(0.3);
      const what = `${pulling ? 'pull' : kind < 0.4 ? 'hover' : kind < 0.75 ? 'completion' : 'codeAction'} ${d.uri} v${version} ${JSON.stringify(position)}`;
      note(what);
      if (pulling) {
        stats.pulls++;
        const previous = reports.get(d.uri)?.resultId;
        const epoch = d.closes;
        const p = client.conn.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: d.uri }, ...(previous ? { previousResultId: previous } : {}) }, source.token);
        track(
          what,
          p,
          (report) => {
            if (report.kind === 'unchanged') {
              assert.equal(report.resultId, previous, 'unchanged only for the id sent');
              return;
            }
            // No range check here: pulls wait for the first settings, and the edits queued meanwhile
            // apply first, so an early report may be for a later version (checkpoints compare them all).
            if (report.resultId && d.closes === epoch) reports.set(d.uri, { resultId: report.resultId, items: report.items });
          },
          cancel,
        );
      } else if (kind < 0.4) {
        stats.hovers++;
        const p = client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: d.uri }, position }, source.token);
        track(
          what,
          p,
          (h) => {
            if (h?.range) assert.ok(rangeInside(text, starts, h.range), `hover range ${JSON.stringify(h.range)} outside the text`);
          },
          cancel,
        );
      } else if (kind < 0.75) {
        stats.completions++;
        const p = client.conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: d.uri }, position }, source.token);
        track(
          what,
          p,
          (r) => {
            const items = !r ? [] : Array.isArray(r) ? r : r.items;
            for (const item of items) {
              if (!item.textEdit) continue;
              const range = 'range' in item.textEdit ? item.textEdit.range : item.textEdit.replace;
              assert.ok(rangeInside(text, starts, range), `completion ${item.label}: ${JSON.stringify(range)} outside the text`);
              assert.equal(range.start.line, range.end.line, `completion ${item.label}: an editor takes single-line ranges only`);
              if (at !== undefined) {
                const s = offsetOf(text, starts, range.start)!;
                const e = offsetOf(text, starts, range.end)!;
                assert.ok(s <= at && at <= e, `completion ${item.label}: ${JSON.stringify(range)} does not contain the cursor`);
              }
            }
          },
          cancel,
        );
      } else {
        stats.codeActions++;
        const other = positionAt(starts, cursor(text, rng));
        const range = rng.chance(0.5) ? { start: position, end: position } : { start: position, end: other };
        const published = client.published.get(d.uri)?.at(-1)?.diagnostics ?? [];
        // Which diagnostics there are depends on timing: pick among them with a generator of their own, so a seed replays.
        const pick = prng(rng.int(2 ** 32));
        const context = { diagnostics: rng.chance(0.7) ? published.filter(() => pick.chance(0.5)) : [], ...(rng.chance(0.3) ? { only: [rng.pick(['quickfix', 'source.fixAll', 'source'])] } : {}) };
        const p = client.conn.sendRequest<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri: d.uri }, range, context }, source.token);
        track(
          what,
          p,
          (actions) => {
            for (const a of actions ?? []) {
              for (const c of a.edit?.documentChanges ?? []) {
                if ('textDocument' in c) assert.equal(c.textDocument.version, version, `${a.title}: edit for the version asked about`);
              }
              const edits: TextEdit[] = editsFor(a.edit, d.uri);
              for (const e of edits) assert.ok(rangeInside(text, starts, e.range), `${a.title}: ${JSON.stringify(e.range)} outside the text`);
              const spans = edits.map((e) => [offsetOf(text, starts, e.range.start)!, offsetOf(text, starts, e.range.end)!]).sort((x, y) => x[0] - y[0]);
              for (let i = 1; i < spans.length; i++) {
                assert.ok(spans[i][0] >= spans[i - 1][1], `${a.title}: overlapping edits ${JSON.stringify(edits)} in ${JSON.stringify(text)}`);
              }
            }
          },
          cancel,
        );
      }
      if (cancel) {
        stats.cancelled++;
        source.cancel();
      }
    };

    /** Stops, lets the server settle, and compares every document with a fresh scan. */
    const checkpoint = async (label: string) => {
      stats.checkpoints++;
      await answered();
      const expectedRequests = 1 + stats.settings;
      await client.until(`${expectedRequests} workspace/configuration requests`, () => (client.configurationRequests >= expectedRequests ? true : undefined), 20_000);
      // A round trip: the server has read the last settings answer by the time this is answered.
      await client.hover('file:///virtual/fuzz/not-open.yml', { line: 0, character: 0 });
      for (const d of docs) {
        const fresh = freshDiagnostics(d, rawSettings);
        stats.diagnosticsCompared += fresh.length;
        const expected = JSON.stringify(fresh);
        const fail = (got: string) =>
          assert.fail(
            `${label}: ${d.uri}: ${mode}ed diagnostics are not a fresh scan of v${d.version} under ${JSON.stringify(rawSettings)}\n` +
              `expected ${expected}\nactual   ${got}\ntext ${JSON.stringify(d.text)}`,
          );
        if (pullMode) {
          const previous = reports.get(d.uri);
          const report = await client.pull(d.uri, previous?.resultId);
          const items = report.kind === 'unchanged' ? previous?.items : report.items;
          if (JSON.stringify(items) !== expected) fail(`${report.kind === 'unchanged' ? `unchanged since ${previous?.resultId}: ` : ''}${JSON.stringify(items)}`);
          if (report.kind === 'full' && report.resultId) reports.set(d.uri, { resultId: report.resultId, items: report.items });
          continue;
        }
        const last = () => client.published.get(d.uri)?.at(-1);
        try {
          await client.until(`${d.uri} v${d.version} published as a fresh scan`, () => (last()?.version === d.version && JSON.stringify(last()!.diagnostics) === expected ? true : undefined), 20_000);
        } catch {
          fail(`v${last()?.version} ${JSON.stringify(last()?.diagnostics)}`);
        }
      }
      await new Promise((r) => setTimeout(r, 50));
      checkPublications();
      if (!pullMode) {
        for (const d of docs) {
          assert.equal(client.published.get(d.uri)?.at(-1)?.version, d.version, `${label}: nothing older published after the settled one`);
        }
      }
    };

    while (stats.edits < edits) {
      const burst = 1 + rng.int(30);
      for (let i = 0; i < burst && stats.edits < edits; i++) {
        const d = rng.pick(docs);
        const r = rng.next();
        if (r < 0.06) {
          // Typing: one character per change at a moving cursor, completions as an editor asks.
          const word = rng.pick(TYPED);
          let at = cursor(d.text, rng);
          for (const ch of word) {
            const position = editorPosition(d.text, at);
            d.text = d.text.slice(0, at) + ch + d.text.slice(at);
            at += ch.length;
            // A CR typed before a LF makes one line end with it: the cursor is after both, as no
            // position can name the place between them (the LSP puts it at the line's end).
            if (d.text.charCodeAt(at - 1) === 13 && d.text.charCodeAt(at) === 10) at++;
            d.version++;
            d.texts[d.closes].set(d.version, d.text);
            stats.edits++;
            stats.didChanges++;
            note(`typed ${d.uri} v${d.version} ${JSON.stringify(ch)} at ${JSON.stringify(position)}`);
            client.change(d.uri, d.version, [{ range: { start: position, end: position }, text: ch }]);
            if (rng.chance(0.3)) request(d, rng.chance(0.1), positionAt(lineStarts(d.text), at));
          }
        } else if (r < 0.68) {
          const n = rng.chance(0.15) ? 2 + rng.int(4) : 1;
          const changes = [];
          for (let k = 0; k < n; k++) changes.push(randomChange(d, rng, corpus));
          d.version += rng.chance(0.05) ? 2 : 1;
          d.texts[d.closes].set(d.version, d.text);
          stats.edits += n;
          stats.didChanges++;
          note(`didChange ${d.uri} v${d.version} ${JSON.stringify(changes)}`);
          client.change(d.uri, d.version, changes);
        } else if (r < 0.97) {
          request(d, rng.chance(0.05));
        } else if (r < 0.995) {
          rawSettings = randomSettings(rng);
          stats.settings++;
          note(`settings ${JSON.stringify(rawSettings)}`);
          client.configure(rawSettings as Record<string, unknown>);
        } else {
          // Closed and opened again (an editor tab closed and reopened): versions start over.
          stats.reopens++;
          d.closes++;
          client.close(d.uri);
          // As VS Code does: a closed document's result id is forgotten.
          reports.delete(d.uri);
          d.version = 1;
          d.texts.push(new Map([[1, d.text]]));
          note(`reopen ${d.uri}`);
          client.open(d.uri, d.languageId, d.text, 1);
        }
      }
      if (rng.chance(0.3)) await new Promise((r) => setImmediate(r));
      else if (rng.chance(0.1)) await new Promise((r) => setTimeout(r, rng.int(5)));
      if (pending.length > 300) {
        await answered();
      }
      checkPublications();
      if (failures.length > 0) break;
      if (stats.edits >= CHECKPOINT_EVERY * (stats.checkpoints + 1) && stats.edits < edits) await checkpoint(`checkpoint ${stats.checkpoints + 1}`);
    }
    assert.deepEqual(failures, []);
    await checkpoint('end');
    // Once more under the defaults, so the last comparison has every code at its default severity.
    rawSettings = {};
    stats.settings++;
    client.configure({});
    await checkpoint('end, default settings');
    assert.deepEqual(failures, []);
    assert.equal(client.proc.exitCode, null, 'the server is up');
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
      'no handler failed',
    );
    assert.equal(client.stderr, '');
    assert.equal(await client.stop(), 0);
    const ms = Date.now() - t0;
    console.log(`${mode} fuzz seed ${seed}: ${JSON.stringify(stats)}, ${docs.length} documents (${docs.map((d) => d.text.length).join(', ')} chars at the end), ${ms} ms`);
  } catch (e) {
    if (client.proc.exitCode === null) client.proc.kill();
    const err = e as Error;
    err.message = `${mode} fuzz seed ${seed} (replay with K8S_PLATFORMS_FUZZ_SEED=${SEED} K8S_PLATFORMS_FUZZ_EDITS=${EDITS}): ${err.message}\nlast operations:\n  ${trail.join('\n  ')}\nstats ${JSON.stringify(stats)}`;
    throw err;
  }
}

describe('live fuzz of the language server', () => {
  it(
    `push diagnostics: ${EDITS} random edits with hovers, completions, code actions and settings changes; the server keeps up and ends where a fresh scan does`,
    { timeout: Math.max(120_000, EDITS * 60) },
    () => session('push', EDITS, SEED),
  );
  it(`pull diagnostics: ${Math.ceil(EDITS * 0.4)} random edits with pulls among the requests; an unchanged report is only ever a fresh one`, { timeout: Math.max(120_000, EDITS * 60) }, () =>
    session('pull', Math.ceil(EDITS * 0.4), (SEED + 1) >>> 0),
  );
});
