import { readFileSync } from 'node:fs';
import sm from 'source-map-js';
const prof = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const map = new sm.SourceMapConsumer(JSON.parse(readFileSync('dist/bin/cli-script.js.map', 'utf8')));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const label = (n) => {
  const f = n.callFrame;
  if (f.url.endsWith('cli-script.js')) {
    const p = map.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
    const src = (p.source ?? '?').replace(/.*node_modules\//, '').replace(/.*\/src\//, 'src/');
    return src.split("/").slice(0, 4).join("/") + ":" + (f.functionName||"");
  }
  return f.url ? f.url.replace(/.*node_modules\//, '').split('/').slice(0, 2).join('/') : `(${f.functionName || 'native'})`;
};
const W = Number(process.argv[3] ?? 25);
let t = 0; const buckets = [];
prof.samples.forEach((id, i) => {
  t += prof.timeDeltas[i] / 1000;
  const b = Math.floor(t / W); (buckets[b] ??= new Map());
  const l = label(byId.get(id)); buckets[b].set(l, (buckets[b].get(l) ?? 0) + prof.timeDeltas[i] / 1000);
});
buckets.forEach((m, b) => {
  if (!m) return;
  const top = [...m].sort((a, c) => c[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | ');
  console.log(`${String(b * W).padStart(5)} ${top}`);
});
