import type { DiagramLayout } from '../server/diagram/diagramModel';

/**
 * The diagram on screen as a standalone SVG document, with the export style in place of the
 * theme's: the browser's own serialiser writes it, escaping every text and attribute value.
 */
export function exportSvg(svg: SVGSVGElement, style: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.removeAttribute('style');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  for (const el of copy.querySelectorAll('.selected, .dimmed')) el.classList.remove('selected', 'dimmed');
  const styleElement = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  styleElement.textContent = style;
  copy.insertBefore(styleElement, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** The diagram as a PNG data URL, drawn from the exported SVG at up to twice its size (canvases have limits). */
export async function exportPng(svg: SVGSVGElement, style: string, layout: DiagramLayout): Promise<string> {
  const bytes = new TextEncoder().encode(exportSvg(svg, style));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the browser could not draw the SVG'));
  });
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  await loaded;
  const scale = Math.max(0.1, Math.min(2, 16000 / Math.max(layout.width, layout.height)));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(layout.width * scale);
  canvas.height = Math.ceil(layout.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}
