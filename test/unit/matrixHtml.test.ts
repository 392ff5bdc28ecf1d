import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import model from '../../data/platforms.json';
import { renderMatrixHtml, type MatrixModel } from '../../client/src/matrixHtml';

const page = { cspSource: 'vscode-webview://test', nonce: 'n0nce', origin: 'Built-in model' };
const html = renderMatrixHtml(model as MatrixModel, page);

function row(table: string, platform: string): string {
  const start = html.indexOf(`<h2>${table}`);
  assert.ok(start >= 0, `no ${table} table`);
  const section = html.slice(start, html.indexOf('</table>', start));
  const found = section.split('\n').find((line) => line.startsWith('<tr') && line.includes(`>${platform}<`));
  assert.ok(found, `no ${platform} row in ${table}`);
  return found;
}

describe('the Platform Matrix page', () => {
  it('has a strict content security policy and loads nothing', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src vscode-webview:\/\/test 'nonce-n0nce';[^"]*script-src 'none'/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\b(src|srcset)=/i);
    assert.doesNotMatch(html, /<link/i);
    assert.match(html, /<style nonce="n0nce">/);
  });

  it('is themed by the editor', () => {
    assert.match(html, /var\(--vscode-foreground\)/);
    assert.match(html, /var\(--vscode-editor-background\)/);
  });

  it('lists the three tiers with their promise and criteria', () => {
    assert.match(html, /<th scope="row">Tier 1<\/th><td>expected to work<\/td>/);
    assert.match(html, /<th scope="row">Tier 3<\/th><td>demonstrated to work<\/td>/);
    assert.match(html, /Official builds are not available\./);
    // (The source's paragraph beside a tier's criteria is no criterion: QA 276 B1.)
    assert.match(html, /<\/ul><p>It may be possible that single features are not available for a certain platform\.<\/p><\/td>/);
    assert.doesNotMatch(html, /<li>There is no guarantee/);
  });

  it('strikes out linux/arm with its reason and links', () => {
    const arm = row('Platforms', 'linux/arm');
    assert.match(arm, /<del>linux\/arm<\/del>/);
    assert.match(arm, /relocation problems on linking/);
    assert.match(arm, /href="https:\/\/github.com\/kubernetes\/kubernetes\/pull\/115742"/);
    assert.match(row('Binaries', 'linux/arm'), /title="removed: Due to relocation problems on linking[^"]*"><del>linux\/arm<\/del>/);
  });

  it('shows what linux/s390x gets: tier 2, every image, server binaries with forms, archives, packages', () => {
    assert.match(row('Platforms', 'linux/s390x'), /Tier 2/);
    const images = row('Container images', 'linux/s390x');
    assert.equal(images.match(/✓/g)?.length, 6);
    assert.match(row('Binaries', 'linux/s390x'), /binary docker_tag tar sha256 sha512/);
    assert.equal(row('Archives', 'linux/s390x').match(/✓/g)?.length, 4);
    assert.match(row('Packages', 'linux/s390x'), /<code>s390x<\/code>/);
  });

  it('leaves darwin/arm64 without binaries, as the source lists none', () => {
    assert.doesNotMatch(row('Binaries', 'darwin/arm64'), /binary/);
    assert.match(row('Platforms', 'darwin/arm64'), /Tier 2.*the source lists no binaries for it/);
  });

  it('escapes text from a custom model', () => {
    const custom = structuredClone(model) as MatrixModel;
    custom.tiers[0].name = '<img src=x onerror=alert(1)>';
    const out = renderMatrixHtml(custom, page);
    assert.doesNotMatch(out, /<img/);
    assert.match(out, /&#60;img src=x/);
  });
});
