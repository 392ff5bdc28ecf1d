// The Platform Matrix page: the tier model as tables a person can scan. A pure function from the
// model data to one HTML document, so it is tested without an editor; matrixView.ts puts it in a
// webview. The page loads nothing: one inline stylesheet allowed by a nonce, no scripts, colours
// from the VS Code theme.

/** The parts of the model file (data/platforms.json) the page shows. */
export interface MatrixModel {
  source?: string;
  tiers: { tier: number; name: string; criteria: string[]; note?: string }[];
  platforms: { id: string; os: string; arch: string; tier: number; artifactTiers?: Record<string, number> }[];
  removed: { id: string; os: string; arch: string; reason: string; resources: string[] }[];
  images: { registries: string[]; images: { name: string; platforms: string[] }[] };
  binaries: { forms: Record<string, string>; items: { name: string; platforms: Record<string, string[]> }[] };
  archives: { checksums: string[]; items: { name: string; file: string; platforms: string[]; portable: boolean }[] };
  packages: { formats: string[]; repository: string; arches: { rpm: string; deb: string; platform: string }[] };
}

export interface MatrixPage {
  /** The webview's `cspSource`, allowed for styles next to the nonce. */
  cspSource: string;
  nonce: string;
  /** Where the model came from, shown under the title: the built-in model or a custom file. */
  origin: string;
}

interface Row {
  key: string;
  removed?: MatrixModel['removed'][number];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Every platform the model names, tier table first in its order, then any platform that only an
// artifact table mentions, so no published artifact goes missing from the matrix.
function platformRows(model: MatrixModel): Row[] {
  const keys: string[] = [];
  const add = (key: string) => {
    if (!keys.includes(key)) keys.push(key);
  };
  model.platforms.forEach((p) => add(`${p.os}/${p.arch}`));
  model.removed.forEach((r) => add(`${r.os}/${r.arch}`));
  model.images.images.forEach((i) => i.platforms.forEach(add));
  model.binaries.items.forEach((b) => Object.keys(b.platforms).forEach(add));
  model.archives.items.forEach((a) => a.platforms.forEach(add));
  model.packages.arches.forEach((a) => add(a.platform));
  return keys.map((key) => ({ key, removed: model.removed.find((r) => `${r.os}/${r.arch}` === key) }));
}

function platformCell(row: Row): string {
  const name = escapeHtml(row.key);
  return row.removed
    ? `<th scope="row" class="removed" title="removed: ${escapeHtml(row.removed.reason)}"><del>${name}</del></th>`
    : `<th scope="row">${name}</th>`;
}

function rowClass(row: Row): string {
  return row.removed ? ' class="removed-row"' : '';
}

const none = '<td class="none" title="not published">–</td>';

function table(caption: string, columns: string[], rows: Row[], cell: (row: Row, column: number) => string): string {
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((row) => `<tr${rowClass(row)}>${platformCell(row)}${columns.map((_, i) => cell(row, i)).join('')}</tr>`)
    .join('\n');
  return `<h2>${escapeHtml(caption)}</h2>
<table class="matrix"><thead><tr><th scope="col">Platform</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>`;
}

function tierTable(model: MatrixModel): string {
  const rows = model.tiers
    .map((t) => {
      const criteria = t.criteria.map((c) => `<li>${escapeHtml(c)}</li>`).join('');
      const note = t.note ? `<p>${escapeHtml(t.note)}</p>` : '';
      return `<tr><th scope="row">Tier ${t.tier}</th><td>${escapeHtml(t.name)}</td><td><ul>${criteria}</ul>${note}</td></tr>`;
    })
    .join('\n');
  return `<h2>Tiers</h2>
<table class="tiers"><thead><tr><th scope="col">Tier</th><th scope="col">Promise</th><th scope="col">Criteria</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function statusCell(model: MatrixModel, row: Row): string {
  if (row.removed) {
    const links = row.removed.resources
      .map((href, i) => `<a href="${escapeHtml(href)}">${i + 1}</a>`)
      .join(' ');
    return `<td class="removed"><strong>removed</strong>: ${escapeHtml(row.removed.reason)} <span class="links">(${links})</span></td>`;
  }
  const listed = model.platforms.some((p) => `${p.os}/${p.arch}` === row.key);
  if (!listed) return '<td>not in the tier table</td>';
  // The source's tables disagree here (arm64-darwin is tier 2 with no binary listed): say so.
  const binaries = model.binaries.items.some((b) => (b.platforms[row.key]?.length ?? 0) > 0);
  return binaries ? '<td>supported</td>' : '<td>supported; the source lists no binaries for it</td>';
}

function platformTable(model: MatrixModel, rows: Row[]): string {
  const body = rows
    .map((row) => {
      const entry = model.platforms.find((p) => `${p.os}/${p.arch}` === row.key);
      const scoped = entry?.artifactTiers
        ? Object.entries(entry.artifactTiers)
            .map(([artifact, tier]) => `${escapeHtml(artifact)}: tier ${tier}`)
            .join(', ')
        : '';
      const tier = entry ? `Tier ${entry.tier}${scoped ? ` (${scoped})` : ''}` : '–';
      const id = entry?.id ?? row.removed?.id ?? '';
      return `<tr${rowClass(row)}>${platformCell(row)}<td><code>${escapeHtml(id)}</code></td><td>${tier}</td>${statusCell(model, row)}</tr>`;
    })
    .join('\n');
  return `<h2>Platforms</h2>
<table class="platforms"><thead><tr><th scope="col">Platform</th><th scope="col">Source name</th><th scope="col">Tier</th><th scope="col">Status</th></tr></thead>
<tbody>
${body}
</tbody></table>`;
}

function imageTable(model: MatrixModel, rows: Row[]): string {
  const images = model.images.images;
  const registries = model.images.registries.join(', ');
  return table(`Container images (${registries})`, images.map((i) => i.name), rows, (row, i) =>
    images[i].platforms.includes(row.key) ? '<td class="yes">✓</td>' : none,
  );
}

function binaryTable(model: MatrixModel, rows: Row[]): string {
  const items = model.binaries.items;
  return table('Binaries (published forms)', items.map((b) => b.name), rows, (row, i) => {
    const forms = items[i].platforms[row.key];
    return forms?.length ? `<td class="yes forms">${forms.map(escapeHtml).join(' ')}</td>` : none;
  });
}

function archiveTable(model: MatrixModel, rows: Row[]): string {
  const items = model.archives.items.filter((a) => a.file.includes('{os}'));
  const free = model.archives.items
    .filter((a) => !a.file.includes('{os}'))
    .map((a) => `<code>${escapeHtml(a.file)}</code>`)
    .join(', ');
  const portable = model.archives.items.filter((a) => a.portable).map((a) => `<code>${escapeHtml(a.name)}-portable</code>`);
  const checksums = model.archives.checksums.join(', ');
  const note = `<p class="note">Platform-free archives: ${free || 'none'}${portable.length ? `; portable: ${portable.join(', ')}` : ''}. Checksums: ${escapeHtml(checksums)}.</p>`;
  return (
    table('Archives', items.map((a) => a.file.replace('{os}-{arch}', 'OS-ARCH')), rows, (row, i) =>
      items[i].platforms.includes(row.key) ? '<td class="yes">✓</td>' : none,
    ) + note
  );
}

function packageTable(model: MatrixModel, rows: Row[]): string {
  const formats = model.packages.formats;
  return table(`Packages (${model.packages.repository})`, formats, rows, (row, i) => {
    const arch = model.packages.arches.find((a) => a.platform === row.key);
    const name = arch ? (formats[i] === 'deb' ? arch.deb : arch.rpm) : undefined;
    return name ? `<td class="yes"><code>${escapeHtml(name)}</code></td>` : none;
  });
}

function style(): string {
  return `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 1.5em 2em; }
h1 { font-weight: 600; } h2 { margin-top: 1.8em; font-weight: 600; }
table.tiers th[scope="row"], table.platforms td:nth-child(3) { white-space: nowrap; }
.origin, .note { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin-top: 0.5em; }
th, td { border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border)); padding: 0.25em 0.6em;
  text-align: left; vertical-align: top; }
thead th { background: var(--vscode-editorWidget-background); }
.matrix td { text-align: center; white-space: nowrap; }
.matrix td.forms { white-space: normal; font-size: 0.9em; min-width: 7em; }
.matrix thead th { font-family: var(--vscode-editor-font-family); font-weight: normal; }
td.yes { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
td.none { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
tr.removed-row { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); }
.removed del { text-decoration-color: var(--vscode-errorForeground); }
td.removed strong { color: var(--vscode-errorForeground); }
a { color: var(--vscode-textLink-foreground); } a:hover { color: var(--vscode-textLink-activeForeground); }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 0.2em; }
ul { margin: 0; padding-left: 1.2em; }
`;
}

/** The whole page for the webview. */
export function renderMatrixHtml(model: MatrixModel, page: MatrixPage): string {
  const rows = platformRows(model);
  const csp = [
    "default-src 'none'",
    `style-src ${page.cspSource} 'nonce-${page.nonce}'`,
    `img-src ${page.cspSource}`,
    "script-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Kubernetes Platform Matrix</title>
<style nonce="${page.nonce}">${style()}</style>
</head>
<body>
<h1>Kubernetes Platform Matrix</h1>
<p class="origin">${escapeHtml(page.origin)}${model.source ? ` · source: ${escapeHtml(model.source)}` : ''}</p>
${tierTable(model)}
${platformTable(model, rows)}
${imageTable(model, rows)}
${binaryTable(model, rows)}
${archiveTable(model, rows)}
${packageTable(model, rows)}
</body>
</html>
`;
}
