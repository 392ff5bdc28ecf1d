import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseMisnamed, parsePlatform } from '../../server/src/platform/parse';
import { formatPlatform, GO_PAIRS, platformIdentity } from '../../server/src/platform/names';
import { suggestNames, suggestPlatforms } from '../../server/src/platform/suggest';
import { builtinModel } from '../../server/src/model/load';

const canonical = (s: string, strictness: 'strict' | 'loose' = 'strict') => {
  const p = parsePlatform(s, strictness);
  return p ? formatPlatform(p) : undefined;
};

describe('normalising platform strings', () => {
  it('reads every spelling of one platform as the same canonical platform', () => {
    for (const s of ['linux/amd64', 'amd64-linux', 'linux-amd64', 'linux_amd64', 'linux/x86_64', 'linux/x86-64', 'Linux/AMD64', 'linux_x86_64', 'linux-x86_64', 'linux-x86-64', 'x86_64-linux', 'x86-64-linux']) {
      assert.equal(canonical(s), 'linux/amd64', s);
    }
  });
  it('resolves architecture aliases as container runtimes do, variants included', () => {
    assert.equal(canonical('linux/aarch64'), 'linux/arm64');
    assert.equal(canonical('linux/armhf'), 'linux/arm/v7');
    assert.equal(canonical('linux/armv7l'), 'linux/arm/v7');
    assert.equal(canonical('linux/armel'), 'linux/arm/v6');
    assert.equal(canonical('linux/i686'), 'linux/386');
    assert.equal(canonical('linux/ppc64el'), 'linux/ppc64le');
    assert.equal(canonical('linux_arm_7'), 'linux/arm/v7');
    assert.equal(canonical('linux_amd64_v1'), 'linux/amd64/v1');
    assert.equal(canonical('linux_x86_64_v3'), 'linux/amd64/v3');
    assert.equal(parsePlatform('linux-x86_64', 'strict')?.spelling, 'os-arch');
    // Go's other sub-architecture settings, as goreleaser targets write them.
    assert.equal(canonical('linux_386_sse2'), 'linux/386/sse2');
    assert.equal(canonical('linux_mips_softfloat'), 'linux/mips/softfloat');
    assert.equal(canonical('linux_ppc64le_power9'), 'linux/ppc64le/power9');
    assert.equal(canonical('linux_riscv64_rva22u64'), 'linux/riscv64/rva22u64');
    assert.equal(parsePlatform('linux_ppc64le_power10', 'strict')?.valid, true);
    assert.equal(parsePlatform('darwin_386_sse2', 'strict')?.valid, false, 'darwin/386 is a dropped port');
    assert.equal(parsePlatform('linux_amd64_sse2', 'strict')?.valid, false, 'sse2 is 386s');
    assert.equal(platformIdentity(parsePlatform('linux_386_sse2', 'strict')!), 'linux/386', 'the default variant names the platform');
    // goreleaser writes arm64's default level v8.0; v9.0 is v9.
    assert.equal(platformIdentity(parsePlatform('linux_arm64_v8.0', 'strict')!), 'linux/arm64');
    assert.equal(platformIdentity(parsePlatform('linux_arm64_v9.0', 'strict')!), platformIdentity(parsePlatform('linux/arm64/v9', 'strict')!));
    assert.notEqual(platformIdentity(parsePlatform('linux_arm64_v8.2', 'strict')!), 'linux/arm64');
    // Those levels are a Go build's (goreleaser's targets, GOARM64); an image's arm64 variant is v8 alone (QA 231 B1).
    assert.equal(parsePlatform('linux_arm64_v9.0', 'strict')?.valid, true);
    assert.equal(parsePlatform('linux/arm64/v8', 'strict')?.valid, true);
    for (const p of ['linux/arm64/v9', 'linux/arm64/v8.2', 'linux/arm64/v7']) assert.equal(parsePlatform(p, 'strict')?.valid, false, p);
    assert.equal(parsePlatform('x86_64-linux', 'strict')?.spelling, 'arch-os');
  });
  it('is idempotent', () => {
    for (const s of ['amd64-linux', 'linux/x86_64', 'linux_arm_7', 'linux/aarch64', 'windows-386']) {
      const once = canonical(s)!;
      assert.equal(canonical(once), once);
    }
  });
  it('marks aliases and spellings so non-canonical can be told apart', () => {
    assert.equal(parsePlatform('linux/x86_64', 'strict')?.alias, true);
    assert.equal(parsePlatform('linux/amd64', 'strict')?.alias, false);
    assert.equal(parsePlatform('linux/arm64/v8', 'strict')?.alias, false);
    assert.equal(parsePlatform('amd64-linux', 'strict')?.spelling, 'arch-os');
  });
  it('knows valid Go pairs, dropped ports and variants', () => {
    assert.equal(parsePlatform('linux/riscv64', 'strict')?.valid, true);
    assert.equal(parsePlatform('darwin/386', 'strict')?.valid, false);
    assert.equal(parsePlatform('darwin/arm', 'strict')?.valid, false);
    assert.equal(parsePlatform('linux/amd64/v3', 'strict')?.valid, true);
    assert.equal(parsePlatform('linux/amd64/v9', 'strict')?.valid, false);
    assert.equal(parsePlatform('linux//amd64', 'strict')?.valid, false);
    assert.ok(GO_PAIRS.has('windows/arm64') && !GO_PAIRS.has('windows/arm'));
  });
  it('does not take other slash strings for platforms', () => {
    for (const s of ['apps/v1', 'kubernetes.io/os', 'docs/linux', 'ubuntu-latest', 'windows-2022', 'macos-14', 'x86_64-unknown-linux-gnu', 'x86_64-linux-gnu', 'aarch64-linux-gnu', 'foo/bar']) {
      assert.equal(canonical(s), undefined, s);
    }
    assert.equal(canonical('lnux/amd64'), 'lnux/amd64', 'a typo in a platform-ish context is still a platform');
    assert.equal(canonical('lnux/amd64', 'loose'), undefined, 'but not in prose-like places');
    assert.equal(canonical('linux/arm/asm', 'loose'), undefined, 'a path, not a variant');
    assert.equal(canonical('linux/arm/v7', 'loose'), 'linux/arm/v7');
  });
  it('reads a joined spelling with one name a near miss as a platform with a typo, where a platform is expected', () => {
    for (const s of ['linux_amd46', 'lnux_amd64', 'linux-amd46', 'windows_amd46_v1']) {
      assert.equal(parsePlatform(s, 'strict')?.valid, false, s);
      assert.equal(parsePlatform(s, 'loose'), undefined, s);
    }
    assert.equal(parsePlatform('linux_amd46', 'strict')?.spelling, 'os_arch');
    // A typo of an alias there (linux-aarch46), or of one written with the separator (linux_x86_46, not linux_x86 with a variant 46).
    for (const s of ['linux-aarch46', 'linux_aarch46', 'linux_i686x', 'linux_x86_46', 'linux-x86-46']) {
      assert.equal(parsePlatform(s, 'strict')?.valid, false, s);
      if (!s.includes('x86')) assert.equal(parsePlatform(s, 'loose'), undefined, s);
    }
    assert.equal(parsePlatform('linux_x86_46', 'strict')?.raw.arch, 'x86_46');
    assert.equal(canonical('linux_arm_7'), 'linux/arm/v7');
    // Arch first with a typo on one side, where a platform is expected; nothing in prose-like places.
    for (const s of ['amd64/lnux', 'aarch46/linux', 'i686x/linux', 'x86_46/linux', 'arm46/linux/v7']) {
      assert.equal(parsePlatform(s, 'strict')?.valid, false, s);
      assert.equal(parsePlatform(s, 'loose'), undefined, s);
    }
    for (const s of ['foo/linux', 'docs/linux', 'amd64/bin', 'linux/linux']) assert.equal(parsePlatform(s, 'strict')?.valid, s === 'linux/linux' ? false : undefined, s);
    // Joined words that are not near misses stay words, even where a platform is expected.
    for (const s of ['windows-latest', 'linux-gnu', 'ubuntu-22.04', 'linux-musl', 'darwin-universal', 'linux_x64', 'windows-2022']) {
      assert.equal(parsePlatform(s, 'strict'), undefined, s);
    }
  });
});

describe('a Go os joined to a name that means an arch (parseMisnamed, QA 161 B1)', () => {
  it('reads linux-x64, windows_x64 and linux-armv8 as platforms Go does not have, in their spelling', () => {
    for (const [text, os, arch, spelling] of [
      ['linux-x64', 'linux', 'x64', 'os-arch'],
      ['windows_x64', 'windows', 'x64', 'os_arch'],
      ['linux-armv8', 'linux', 'armv8', 'os-arch'],
      ['darwin-IA32', 'darwin', 'ia32', 'os-arch'],
    ] as const) {
      const p = parseMisnamed(text);
      assert.ok(p, text);
      assert.deepEqual([p.raw.os, p.raw.arch, p.spelling, p.valid, p.validArch], [os, arch, spelling, false, false], text);
    }
  });
  it('leaves alone what parsePlatform reads, another runtime\'s os, and more than two parts', () => {
    for (const text of ['linux-amd64', 'linux-x86', 'linux-amd46', 'win-x64', 'osx-x64', 'linux-musl-x64', 'linux-x64-gnu', 'linux/x64', 'x64-linux', 'linux-']) assert.equal(parseMisnamed(text), undefined, text);
    // (Nor is it read there: Node's, .NET's and VS Code's targets are spelt so.)
    assert.equal(parsePlatform('linux-x64', 'strict'), undefined);
  });
});

describe('a platform written in another toolchain\'s words on both sides (QA 165 B2)', () => {
  it('win/x64, win32/x64 and macos/x64 are platforms where one is expected, and nowhere else', () => {
    for (const [text, os, arch] of [
      ['win/x64', 'win', 'x64'],
      ['win32/x64', 'win32', 'x64'],
      ['macos/x64', 'macos', 'x64'],
      ['osx/ia32', 'osx', 'ia32'],
    ] as const) {
      const p = parsePlatform(text, 'strict');
      assert.ok(p, text);
      assert.deepEqual([p.raw.os, p.raw.arch, p.valid], [os, arch, false], text);
      assert.equal(parsePlatform(text, 'loose'), undefined, text);
    }
    for (const text of ['amigaos/mc68000', 'foo/bar', 'win/docs', 'docs/x64']) assert.equal(parsePlatform(text, 'strict'), undefined, text);
  });
});

describe('suggestions', () => {
  const tierOf = (p: { os: string; arch: string }) => builtinModel().tierOf(p);
  it('puts the nearest valid platform first', () => {
    assert.equal(formatPlatform(suggestPlatforms('linux', 'amd46', tierOf)[0]), 'linux/amd64');
    assert.equal(formatPlatform(suggestPlatforms('lnux', 'amd64', tierOf)[0]), 'linux/amd64');
    assert.equal(formatPlatform(suggestPlatforms('linux', 'x64', tierOf)[0]), 'linux/amd64');
    assert.equal(formatPlatform(suggestPlatforms('darwn', 'arm64', tierOf)[0]), 'darwin/arm64');
    // A typo of a container runtime's alias (aarch64, x86_64): the platform the alias names.
    assert.equal(formatPlatform(suggestPlatforms('linux', 'aarch46', tierOf)[0]), 'linux/arm64');
    assert.equal(formatPlatform(suggestPlatforms('linux', 'x86_46', tierOf)[0]), 'linux/amd64');
    assert.deepEqual(suggestNames('aarch46', 'arch', () => 0), ['arm64']);
    assert.deepEqual(suggestNames('i686x', 'arch', () => 0), ['386']);
  });
  it('suggests names for one part', () => {
    assert.deepEqual(suggestNames('lnux', 'os', () => 0), ['linux']);
    assert.deepEqual(suggestNames('x86_64', 'arch', () => 0), ['amd64']);
  });
});
