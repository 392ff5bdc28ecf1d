import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { StreamMessageReader, type Message } from 'vscode-jsonrpc/node';
import { FrameGuard, parseHeader } from '../../server/src/frameGuard';

/**
 * What vscode-jsonrpc's reader makes of `chunks` sent through a FrameGuard: the messages, in
 * order, and what the guard reported.
 */
async function read(chunks: Buffer[]): Promise<{ messages: unknown[]; reports: string[] }> {
  const reports: string[] = [];
  const input = new PassThrough();
  const reader = new StreamMessageReader(input.pipe(new FrameGuard((why) => reports.push(why))));
  const messages: unknown[] = [];
  reader.listen((m: Message) => messages.push(m));
  for (const c of chunks) input.write(c);
  input.end();
  await new Promise((done) => setTimeout(done, 20));
  reader.dispose();
  return { messages, reports };
}

/** A message framed as an editor frames it, with the header's variants the LSP allows. */
function frame(body: string, variant: { type?: boolean; lowerCase?: boolean; lf?: boolean } = {}): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const eol = variant.lf ? '\n' : '\r\n';
  const length = `${variant.lowerCase ? 'content-length' : 'Content-Length'}: ${bytes.length}${eol}`;
  const type = variant.type ? `Content-Type: application/vscode-jsonrpc; charset=utf-8${eol}` : '';
  return Buffer.concat([Buffer.from(`${type}${length}${eol}`, 'latin1'), bytes]);
}

/** `bytes` cut at the given offsets, as a pipe may deliver them. */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(bytes.subarray(from, p));
    from = p;
  }
  parts.push(bytes.subarray(from));
  return parts.filter((p) => p.length > 0);
}

const message = fc.record({ jsonrpc: fc.constant('2.0'), method: fc.constantFrom('textDocument/didChange', 'initialized', '$/x'), params: fc.record({ text: fc.string({ unit: 'binary', maxLength: 40 }) }) });
const variant = fc.record({ type: fc.boolean(), lowerCase: fc.boolean(), lf: fc.boolean() });

test('parseHeader: what the LSP allows is read, the rest is named', () => {
  assert.deepEqual(parseHeader('Content-Length: 12'), { length: 12, type: undefined });
  assert.deepEqual(parseHeader('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:7'), { length: 7, type: 'application/vscode-jsonrpc; charset=utf-8' });
  assert.deepEqual(parseHeader('Content-Length: 3\r\nContent-Length: 3'), { length: 3, type: undefined });
  for (const [block, why] of [
    ['Content-Length: -5', /"-5" is not a byte count/],
    ['Content-Length: 1.5', /"1.5" is not a byte count/],
    ['Content-Length: abc', /"abc" is not a byte count/],
    ['Content-Length: 99999999999999999999', /is not a byte count/],
    ['Content-Length: 2\r\nContent-Length: 3', /two Content-Lengths \(2, 3\)/],
    ['Foo: bar', /without Content-Length/],
    ['hello', /without "Name:" \("hello"\)/],
  ] as const) {
    const h = parseHeader(block);
    assert.ok('error' in h, block);
    assert.match(h.error, why);
  }
});

test('FrameGuard: well-formed messages, cut anywhere, reach the reader unchanged and in order, and nothing is reported', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(message, variant), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), async (msgs, at) => {
      const bytes = Buffer.concat(msgs.map(([m, v]) => frame(JSON.stringify(m), v)));
      const { messages, reports } = await read(cut(bytes, at));
      assert.deepEqual(messages, msgs.map(([m]) => JSON.parse(JSON.stringify(m))));
      assert.deepEqual(reports, []);
    }),
    { numRuns: 150 },
  );
});

/** Bytes that are no LSP message, each followed by well-formed ones in the property below. */
const JUNK = [
  'Content-Length: -5\r\n\r\n{}',
  'Content-Length: 1.5\r\n\r\n{}',
  'Content-Length: abc\r\n\r\n{}',
  'Content-Length: 99999999999999999999\r\n\r\n{}',
  'Content-Length: 600000000\r\n\r\n{}',
  // (A length that is not the next message's: its body would start with a header; QA 240 B2.)
  'Content-Length: 100000000\r\n\r\n',
  'Content-Length: 5000\r\n\r\nnull',
  Array.from({ length: 50 }, (_, i) => `Content-Length: ${i + 1}\r\n`).join(''),
  // (A bad header line, or a header half sent, right before a whole one: QA 239 B2.)
  'Content-Length: abc\r\n',
  'Content-Length: 10\r\n',
  'Content-Length: 52\r\r{}',
  'Foo: bar\r\n\r\n{"jsonrpc":"2.0"}',
  'hello\r\n\r\n',
  'hello\r\n',
  'junk',
  '\u0000\u00ff binary \u0001',
  'x'.repeat(10_000),
];

test('FrameGuard: after bytes that are no message, each is reported and every well-formed message after it still arrives', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.option(fc.constantFrom(...JUNK), { nil: undefined }), message), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 12 }), async (parts, at) => {
      const bytes = Buffer.concat(parts.flatMap(([junk, m]) => [...(junk === undefined ? [] : [Buffer.from(junk, 'latin1')]), frame(JSON.stringify(m))]));
      const { messages, reports } = await read(cut(bytes, at));
      assert.deepEqual(messages, parts.map(([, m]) => JSON.parse(JSON.stringify(m))));
      assert.ok(reports.length >= Math.min(1, parts.filter(([junk]) => junk !== undefined).length), 'the junk is reported');
      for (const r of reports) assert.match(r, /no LSP message/);
    }),
    { numRuns: 150 },
  );
});

test('FrameGuard: a Content-Length longer than the server can read is no header: reported, and the messages after it arrive (QA 239 B1)', async () => {
  const reports: string[] = [];
  const guard = new FrameGuard((why) => reports.push(why), 100);
  const out: Buffer[] = [];
  guard.on('data', (d: Buffer) => out.push(d));
  const next = frame('{"jsonrpc":"2.0","method":"initialized"}');
  guard.write(Buffer.from('Content-Length: 250\r\n\r\n{"jsonrpc":"2.0"}'));
  guard.write(next);
  guard.end();
  await new Promise((done) => setTimeout(done, 10));
  assert.equal(reports.length, 1);
  assert.match(reports[0], /a Content-Length of 250 bytes, more than the server can read \(100\)/);
  assert.equal(Buffer.concat(out).toString(), next.toString());
});

test('FrameGuard: two Content-Lengths in one header: the one whose body is JSON is read, and the messages after it arrive', async () => {
  const a = frame('{"jsonrpc":"2.0","method":"a"}');
  const b = frame('{"jsonrpc":"2.0","method":"b"}');
  const { messages, reports } = await read([Buffer.from('Content-Length: 2\r\nContent-Length: 30\r\n\r\n{"jsonrpc":"2.0","method":"x"}'), a, b]);
  assert.match(reports[0], /two Content-Lengths \(2, 30\)/);
  assert.deepEqual(messages, [{ jsonrpc: '2.0', method: 'x' }, { jsonrpc: '2.0', method: 'a' }, { jsonrpc: '2.0', method: 'b' }]);
  // (The shorter one, and the next message in the same write or in the next.)
  for (const chunks of [[Buffer.concat([Buffer.from('Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}'), a])], [Buffer.from('Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}'), a]]) {
    const got = await read(chunks);
    assert.deepEqual(got.messages.slice(-1), [{ jsonrpc: '2.0', method: 'a' }]);
  }
});

test('FrameGuard: a flood of bad headers is one line on stderr until a message is read again; a body that does not start as JSON is no message (QA 240 B2)', async () => {
  const a = frame('{"jsonrpc":"2.0","method":"a"}');
  const flood = Buffer.from('Content-Length: abc\r\n\r\n{}'.repeat(500));
  const { messages, reports } = await read([flood, a, Buffer.from('Content-Length: 100000000\r\n\r\n'), a]);
  assert.deepEqual(messages, [{ jsonrpc: '2.0', method: 'a' }, { jsonrpc: '2.0', method: 'a' }]);
  assert.equal(reports.length, 2, reports.join('\n'));
  assert.match(reports[1], /a Content-Length of 100000000 before what is no JSON message/);
});

test('FrameGuard: a header of a thousand Content-Lengths before a message: the wait for which body is JSON ends, and the messages sent after it arrive (QA 240)', async () => {
  const a = frame('{"jsonrpc":"2.0","method":"a"}');
  const flood = Buffer.from(`${Array.from({ length: 1000 }, (_, i) => `Content-Length: ${i + 1}\r\n`).join('')}\r\n{}`);
  const reports: string[] = [];
  const input = new PassThrough();
  const reader = new StreamMessageReader(input.pipe(new FrameGuard((why) => reports.push(why))));
  const messages: unknown[] = [];
  reader.listen((m: Message) => messages.push(m));
  input.write(flood);
  input.write(a);
  await new Promise((done) => setTimeout(done, 400));
  input.write(a);
  await new Promise((done) => setTimeout(done, 50));
  reader.dispose();
  assert.deepEqual(messages.slice(-2), [{ jsonrpc: '2.0', method: 'a' }, { jsonrpc: '2.0', method: 'a' }]);
  assert.ok(reports.length >= 1 && reports.length <= 3, reports.join('\n'));
});
