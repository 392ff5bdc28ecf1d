'use strict';
// Preloaded into the language server by the sandbox tests (`node --require sandbox-guard.js
// dist/server.js --stdio`). Every way to run a program, open a connection, write a file, evaluate
// workspace text or load code from the workspace is replaced by a function that writes one
// `sandbox-guard:` line to stderr and throws. Reads under the workspace are refused the same way,
// except for the files the test allows (the model file of a trusted workspace).
//
// Configured by K8S_PLATFORMS_SANDBOX_GUARD, a JSON object:
//   forbidRead: folders whose files the server must not read, stat or watch
//   allowRead:  files inside them it may read (the model file)
//   taint:      strings found only in workspace data: code containing one is not evaluated
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const config = JSON.parse(process.env.K8S_PLATFORMS_SANDBOX_GUARD || '{}');
const forbidRead = (config.forbidRead || []).map((p) => path.resolve(p));
const allowRead = new Set((config.allowRead || []).map((p) => path.resolve(p)));
const taint = config.taint || [];
const writeStderr = process.stderr.write.bind(process.stderr);

function record(what, detail) {
  let text;
  try {
    text = typeof detail === 'string' ? detail : JSON.stringify(detail);
  } catch {
    text = String(detail);
  }
  writeStderr(`sandbox-guard: ${what} ${String(text).slice(0, 300)}\n`);
  const error = new Error(`sandbox-guard: ${what} refused`);
  error.code = 'EACCES';
  return error;
}

function refuse(what) {
  return function guarded(...args) {
    throw record(
      what,
      args.filter((a) => typeof a !== 'function'),
    );
  };
}

function patch(target, names, prefix) {
  for (const name of names) {
    if (target && typeof target[name] === 'function') target[name] = refuse(`${prefix}.${name}`);
  }
}

// Programs.
const childProcess = require('node:child_process');
patch(childProcess, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');
patch(process, ['dlopen'], 'process');
patch(require('node:worker_threads'), ['Worker'], 'worker_threads');

// Network. stdin and stdout are pipes the process was given, not connections it opens.
const net = require('node:net');
patch(net, ['connect', 'createConnection', 'createServer'], 'net');
patch(net.Socket.prototype, ['connect'], 'net.Socket');
patch(net.Server.prototype, ['listen'], 'net.Server');
patch(require('node:tls'), ['connect'], 'tls');
patch(require('node:http'), ['request', 'get', 'createServer'], 'http');
patch(require('node:https'), ['request', 'get', 'createServer'], 'https');
patch(require('node:http2'), ['connect'], 'http2');
patch(require('node:dgram'), ['createSocket'], 'dgram');
const dns = require('node:dns');
patch(dns, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt'], 'dns');
patch(dns.promises, ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt'], 'dns.promises');
patch(globalThis, ['fetch', 'WebSocket'], 'global');

// Files: no writes anywhere.
const fsWrites = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp', 'symlink', 'link', 'truncate', 'chmod', 'chown', 'utimes', 'lutimes', 'lchown'];
patch(fs, [...fsWrites, ...fsWrites.map((n) => `${n}Sync`), 'createWriteStream'], 'fs');
patch(fs.promises, fsWrites, 'fs.promises');

const WRITE_FLAGS = fs.constants.O_WRONLY | fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_APPEND | fs.constants.O_TRUNC;
function writes(flags) {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') return (flags & WRITE_FLAGS) !== 0;
  return /[wa+]/.test(String(flags));
}

// Files: no reads, stats or watches under the workspace, but for the allowed ones.
function forbidden(p) {
  if (typeof p !== 'string' && !(p instanceof URL) && !Buffer.isBuffer(p)) return false;
  let abs;
  try {
    abs = path.resolve(p instanceof URL ? require('node:url').fileURLToPath(p) : String(p));
  } catch {
    return false;
  }
  if (allowRead.has(abs)) return false;
  return forbidRead.some((root) => abs === root || abs.startsWith(root + path.sep));
}

const fsReads = ['readFile', 'stat', 'lstat', 'access', 'exists', 'readdir', 'realpath', 'opendir', 'readlink'];
for (const [target, prefix, names] of [
  [fs, 'fs', [...fsReads, ...fsReads.map((n) => `${n}Sync`), 'watch', 'watchFile', 'createReadStream']],
  [fs.promises, 'fs.promises', fsReads],
]) {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function guardedRead(p, ...rest) {
      if (forbidden(p)) throw record(`${prefix}.${name}`, [String(p)]);
      return original.call(this, p, ...rest);
    };
  }
}
for (const [target, prefix] of [
  [fs, 'fs'],
  [fs.promises, 'fs.promises'],
]) {
  for (const name of prefix === 'fs' ? ['open', 'openSync'] : ['open']) {
    const original = target[name];
    target[name] = function guardedOpen(p, flags, ...rest) {
      if (writes(typeof flags === 'function' ? undefined : flags)) throw record(`${prefix}.${name} for writing`, [String(p), flags]);
      if (forbidden(p)) throw record(`${prefix}.${name}`, [String(p)]);
      return original.call(this, p, flags, ...rest);
    };
  }
}

// Code: nothing loaded from the workspace, no workspace text evaluated.
const originalLoad = Module._load;
Module._load = function guardedLoad(request, parent, isMain) {
  if (typeof request === 'string' && taint.some((t) => request.includes(t))) throw record('require', [request]);
  let resolved;
  try {
    resolved = Module._resolveFilename(request, parent, isMain);
  } catch {
    resolved = undefined;
  }
  if (typeof resolved === 'string' && path.isAbsolute(resolved) && forbidden(resolved)) throw record('require', [request, resolved]);
  return originalLoad.call(this, request, parent, isMain);
};

const vm = require('node:vm');
patch(vm, ['runInThisContext', 'runInContext', 'compileFunction', 'measureMemory'], 'vm');
// A new context of the server's own making is allowed for code of its own (the idle collector
// takes V8's `gc` from one), refused for code that holds workspace text.
const originalRunInNewContext = vm.runInNewContext;
vm.runInNewContext = function guardedRunInNewContext(code, ...rest) {
  if (typeof code !== 'string' || taint.some((t) => code.includes(t))) throw record('vm.runInNewContext', [code]);
  return originalRunInNewContext.call(this, code, ...rest);
};
// The server's own bundle is compiled with vm.Script (dist/server.js hands V8 its code cache):
// allowed for a file of this package's dist/ folder holding no workspace text, refused otherwise.
const DIST = path.resolve(__dirname, '../../dist') + path.sep;
vm.Script = new Proxy(vm.Script, {
  construct(target, args, newTarget) {
    const [code, options] = args;
    const filename = typeof options === 'object' && options !== null ? String(options.filename ?? '') : '';
    const ours = filename.startsWith(DIST) && !filename.slice(DIST.length).includes(path.sep) && !forbidden(filename);
    if (!ours || taint.some((t) => String(code).includes(t))) throw record('vm.Script', args.slice(0, 1));
    return Reflect.construct(target, args, newTarget === vm.Script ? target : newTarget);
  },
});
globalThis.eval = refuse('eval');

// `new Function(source)` is how some libraries compile their own code (zod checks that it works and
// compiles its validators from the schema); it is refused when the source holds workspace text.
function guardConstructor(Original, name) {
  const guarded = new Proxy(Original, {
    apply(target, thisArg, args) {
      if (args.some((a) => taint.some((t) => String(a).includes(t)))) throw record(name, args);
      return Reflect.apply(target, thisArg, args);
    },
    construct(target, args, newTarget) {
      if (args.some((a) => taint.some((t) => String(a).includes(t)))) throw record(name, args);
      return Reflect.construct(target, args, newTarget === guarded ? target : newTarget);
    },
  });
  Object.defineProperty(Original.prototype, 'constructor', { value: guarded, writable: true, configurable: true });
  return guarded;
}
globalThis.Function = guardConstructor(Function, 'Function');
guardConstructor(Object.getPrototypeOf(async function () {}).constructor, 'AsyncFunction');
guardConstructor(Object.getPrototypeOf(function* () {}).constructor, 'GeneratorFunction');
guardConstructor(Object.getPrototypeOf(async function* () {}).constructor, 'AsyncGeneratorFunction');
