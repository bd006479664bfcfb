/**
 * Webview benchmark, in Chromium (Debian's, driven by playwright-core): the diagram webview's own
 * bundle (dist/webview.js) shows the infrastructure view of a generated estate of 2,000 resources.
 *
 * - **first paint**: from posting the laid-out diagram to the second animation frame after it
 *   (the picture is on screen). Floor: the browser parsing and painting the same picture as SVG
 *   markup in the same page (`innerHTML`), the least any page can spend on it.
 * - **pan**: a mouse drag of 120 steps across the canvas; the frame times while it pans (median,
 *   95th percentile, worst). Floor: the frame times of the same drag over an empty page.
 *
 *   npm run build && node --require tsx/cjs bench/webview.bench.ts [--resources 2000]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildDiagram } from '../server/diagram/buildDiagram';
import { renderSvg, standaloneStyle } from '../server/diagram/renderSvg';
import { diagramSvgTree } from '../server/diagram/svgTree';
import { syntheticSnapshot } from '../server/diagram/syntheticSnapshot';
import type { ShowDiagramMessage } from '../server/protocol/webviewMessages';

const { values } = parseArgs({ options: { resources: { type: 'string', default: '2000' } } });
const size = Number(values.resources);
const bundle = path.join(__dirname, '..', 'dist', 'webview.js');
if (!fs.existsSync(bundle)) {
  console.error('bench/webview: dist/webview.js is missing (npm run build)');
  process.exit(2);
}

const snapshot = { snapshot: syntheticSnapshot(size), label: 'synthetic' };
const layout = buildDiagram({ snapshot, view: 'infra' });
const message: ShowDiagramMessage = { type: 'showDiagram', layout, svg: diagramSvgTree(layout), exportStyle: standaloneStyle, view: 'infra', snapshotLabel: 'synthetic', warnings: [] };
const markup = renderSvg(layout);

const page0 = `<!DOCTYPE html><html><head><style>html,body{margin:0;height:100%} #app{height:100vh} .canvas{height:100%;position:relative;overflow:hidden} .canvas svg{position:absolute;left:0;top:0;transform-origin:0 0}</style></head>
<body><main id="app"></main><div id="floor" style="position:absolute;left:0;top:0;width:100%;height:100%;display:none"></div>
<script>window.acquireVsCodeApi = () => ({ postMessage: () => undefined }); window.__name = (f) => f; /* the helper tsx adds to functions sent to the page */</script></body></html>`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.setContent(page0);
    // The drag's frames over the empty page: the floor of pan frame times.
    const drag = async (): Promise<number[]> => {
      await page.evaluate(() => {
        const w = window as unknown as { frames_: number[]; recording: boolean };
        w.frames_ = [];
        w.recording = true;
        let last = performance.now();
        const tick = (t: number): void => {
          w.frames_.push(t - last);
          last = t;
          if (w.recording) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      await page.mouse.move(700, 450);
      await page.mouse.down();
      for (let i = 0; i < 120; i++) await page.mouse.move(700 - i * 4, 450 - i * 2);
      await page.mouse.up();
      return page.evaluate(() => {
        const w = window as unknown as { frames_: number[]; recording: boolean };
        w.recording = false;
        return w.frames_.slice(2);
      });
    };
    const idleFrames = await drag();
    await page.addScriptTag({ path: bundle });
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) {
      paints.push(
        await page.evaluate((m) => new Promise<number>((resolve) => {
          const t0 = performance.now();
          window.postMessage(m, '*');
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        }), message),
      );
    }
    const floors: number[] = [];
    for (let i = 0; i < 5; i++) {
      floors.push(
        await page.evaluate((svg) => new Promise<number>((resolve) => {
          const floor = document.getElementById('floor')!;
          const t0 = performance.now();
          floor.innerHTML = svg;
          requestAnimationFrame(() => requestAnimationFrame(() => {
            const t = performance.now() - t0;
            floor.innerHTML = '';
            resolve(t);
          }));
        }), markup),
      );
    }
    const nodes = await page.evaluate(() => document.querySelectorAll('.canvas svg g.node, .canvas svg g.group').length);
    const panFrames = await drag();
    const paint = median(paints.slice(1));
    const floor = median(floors.slice(1));
    console.log(`${snapshot.snapshot.resources.length} resources → ${layout.graph.groups.length} groups, ${layout.graph.nodes.length} nodes, ${layout.graph.edges.length} edges (${nodes} drawn)`);
    console.log(`first paint            ${paint.toFixed(1)} ms   floor (same SVG as markup) ${floor.toFixed(1)} ms   ratio ${(paint / floor).toFixed(2)}`);
    console.log(`pan frame time         median ${median(panFrames).toFixed(1)} ms, p95 ${pct(panFrames, 0.95).toFixed(1)} ms, worst ${Math.max(...panFrames).toFixed(1)} ms   floor (empty page) median ${median(idleFrames).toFixed(1)} ms, p95 ${pct(idleFrames, 0.95).toFixed(1)} ms   ratio (p95) ${(pct(panFrames, 0.95) / pct(idleFrames, 0.95)).toFixed(2)}`);
    if (nodes === 0) {
      console.error('bench/webview: the webview drew nothing');
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
  }
}

void main();
