import type { DiagramLayout } from './diagramModel';
import { diagramSvgTree, escapeXml, serializeSvg } from './svgTree';

/**
 * Colours for a standalone file (the webview uses VS Code's theme variables instead, on the same
 * class names). Light background, readable in print.
 */
export const standaloneStyle = `
.diagram { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 12px; background: #fff; }
.group rect { fill: #f6f8fa; stroke: #8c959f; stroke-width: 1; }
.group-account rect { fill: #fff; stroke-dasharray: 6 3; }
.group-region rect { fill: #fbfbfc; stroke-dasharray: 3 3; }
.group-network rect { fill: #eef6ff; stroke: #54aeff; }
.group-zone rect { fill: #f6f8fa; stroke: #afb8c1; stroke-dasharray: 2 2; }
.group-subnet rect { fill: #ffffff; stroke: #6e7781; }
.group-label { font-weight: 600; fill: #24292f; }
.node rect { fill: #ffffff; stroke: #57606a; stroke-width: 1.2; }
.node-internet rect { fill: #fff8c5; }
.node .label { fill: #24292f; }
.node .kind { fill: #57606a; font-size: 10px; }
.has-findings > rect { stroke: #cf222e; stroke-width: 2; }
.drift-codeOnly > rect { stroke-dasharray: 5 3; stroke: #1a7f37; }
.drift-liveOnly > rect { stroke-dasharray: 2 2; stroke: #9a6700; }
.drift-changed > rect { stroke: #bf8700; stroke-width: 2.5; }
.edge path { fill: none; stroke: #8c959f; stroke-width: 1.2; }
.edge-internet path, .edge-nat path { stroke: #0969da; }
.edge-peering path, .edge-transit path { stroke: #8250df; }
.edge-target path { stroke: #1a7f37; }
.edge.risky path { stroke: #cf222e; stroke-width: 2.2; }
.edge-label { fill: #57606a; font-size: 10px; }
.edge.risky .edge-label { fill: #cf222e; font-weight: 600; }
.arrow-head { fill: #8c959f; }
.arrow-risky-head { fill: #cf222e; }
`;

/** The diagram as a standalone SVG document. */
export function renderSvg(layout: DiagramLayout): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeSvg(diagramSvgTree(layout), standaloneStyle)}\n`;
}

/**
 * The diagram as a standalone HTML page: the SVG, a legend of the findings, no script at all, and a
 * Content-Security-Policy that forbids any (so even a string that escaped escaping could not run).
 */
export function renderHtml(layout: DiagramLayout, title: string): string {
  const findings = [...layout.graph.nodes, ...layout.graph.groups].flatMap((e) => e.findings.map((f) => ({ on: e.label, ...f })));
  const unique = [...new Map(findings.map((f) => [`${f.code} ${f.message}`, f])).values()];
  const list = unique.length === 0 ? '' : `<h2>Findings</h2>\n<ul>\n${unique.map((f) => `<li><code>${escapeXml(f.code)}</code> ${escapeXml(f.message)}</li>`).join('\n')}\n</ul>\n`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(title)}</title>
<style>body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 16px; } svg { max-width: none; }</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${serializeSvg(diagramSvgTree(layout), standaloneStyle)}
${list}</body>
</html>
`;
}
