import type { DiagramLayout } from '../server/diagram/diagramModel';
import type { SvgElement } from '../server/diagram/svgTree';

const svgNs = 'http://www.w3.org/2000/svg';

/** Builds DOM from the renderer's SVG tree: every value goes through setAttribute or textContent. */
export function svgDom(node: SvgElement): SVGElement {
  const element = document.createElementNS(svgNs, node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (name === 'xmlns' || /^on/i.test(name)) continue;
    element.setAttribute(name, value);
  }
  if (node.text !== undefined) element.textContent = node.text;
  for (const child of node.children) element.append(svgDom(child));
  return element;
}

/**
 * The diagram on screen, with pan (drag, arrow keys), zoom (wheel, + and -) and fit (0, or the
 * Fit button). The view is kept across redraws of the same view so that folding a group does not
 * jump.
 */
export class DiagramCanvas {
  readonly element: HTMLDivElement;
  svg: SVGSVGElement | undefined;
  private scale = 1;
  private x = 0;
  private y = 0;
  private layout: DiagramLayout | undefined;

  constructor(private readonly onActivate: (id: string, kind: 'node' | 'group' | 'edge') => void) {
    this.element = document.createElement('div');
    this.element.className = 'canvas';
    this.element.tabIndex = 0;
    this.element.setAttribute('role', 'application');
    this.element.setAttribute('aria-label', 'Diagram: drag or use the arrow keys to pan, + and - to zoom, 0 to fit; Tab moves between elements');
    this.element.addEventListener('wheel', (e) => {
      e.preventDefault();
      const rect = this.element.getBoundingClientRect();
      this.zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - rect.left, e.clientY - rect.top);
    }, { passive: false });
    let drag: { x: number; y: number; moved: boolean } | undefined;
    this.element.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, moved: false };
    });
    this.element.addEventListener('pointermove', (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true;
      this.x += dx;
      this.y += dy;
      drag.x = e.clientX;
      drag.y = e.clientY;
      this.apply();
    });
    this.element.addEventListener('pointerup', (e) => {
      const moved = drag?.moved ?? false;
      drag = undefined;
      if (!moved) this.activateFrom(e.target);
    });
    this.element.addEventListener('keydown', (e) => {
      const step = 60;
      const keys: Record<string, () => void> = {
        ArrowLeft: () => this.pan(step, 0),
        ArrowRight: () => this.pan(-step, 0),
        ArrowUp: () => this.pan(0, step),
        ArrowDown: () => this.pan(0, -step),
        '+': () => this.zoom(1.2),
        '=': () => this.zoom(1.2),
        '-': () => this.zoom(1 / 1.2),
        '0': () => this.fit(),
        Enter: () => this.activateFrom(e.target),
        ' ': () => this.activateFrom(e.target),
      };
      const action = keys[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    });
  }

  private activateFrom(target: EventTarget | null): void {
    const hit = target instanceof Element ? target.closest('[data-id]') : null;
    if (!hit) return;
    const id = hit.getAttribute('data-id') ?? '';
    const kind = hit.classList.contains('node') ? 'node' : hit.classList.contains('group') ? 'group' : 'edge';
    if (kind === 'edge' && !hit.hasAttribute('tabindex')) return;
    this.onActivate(id, kind);
  }

  show(layout: DiagramLayout, tree: SvgElement, keepView: boolean): void {
    const first = !this.layout || !keepView;
    this.layout = layout;
    const svg = svgDom(tree) as SVGSVGElement;
    this.svg?.remove();
    this.svg = svg;
    this.element.append(svg);
    if (first) this.fit();
    else this.apply();
  }

  /** Marks the selected element and dims the ones the filter leaves out. */
  mark(selected: string | undefined, dimmed: ReadonlySet<string>): void {
    if (!this.svg) return;
    for (const el of this.svg.querySelectorAll('[data-id]')) {
      const id = el.getAttribute('data-id') ?? '';
      el.classList.toggle('selected', id === selected);
      el.classList.toggle('dimmed', dimmed.has(id));
    }
  }

  focusElement(id: string): void {
    const el = [...(this.svg?.querySelectorAll('[data-id]') ?? [])].find((e) => e.getAttribute('data-id') === id);
    const box = this.layout?.boxes[id];
    if (box) {
      const { width, height } = this.element.getBoundingClientRect();
      this.x = width / 2 - (box.x + box.width / 2) * this.scale;
      this.y = height / 2 - (box.y + box.height / 2) * this.scale;
      this.apply();
    }
    (el as SVGElement | undefined)?.focus();
  }

  fit(): void {
    if (!this.layout) return;
    const { width, height } = this.element.getBoundingClientRect();
    const w = width || 800;
    const h = height || 600;
    this.scale = Math.min(2, Math.max(0.05, Math.min(w / this.layout.width, h / this.layout.height) * 0.95));
    this.x = (w - this.layout.width * this.scale) / 2;
    this.y = Math.max(0, (h - this.layout.height * this.scale) / 2);
    this.apply();
  }

  zoom(factor: number): void {
    const { width, height } = this.element.getBoundingClientRect();
    this.zoomAt(factor, width / 2, height / 2);
  }

  private zoomAt(factor: number, cx: number, cy: number): void {
    const next = Math.min(8, Math.max(0.02, this.scale * factor));
    const f = next / this.scale;
    this.x = cx - (cx - this.x) * f;
    this.y = cy - (cy - this.y) * f;
    this.scale = next;
    this.apply();
  }

  private pan(dx: number, dy: number): void {
    this.x += dx;
    this.y += dy;
    this.apply();
  }

  private apply(): void {
    if (this.svg) this.svg.style.transform = `translate(${this.x}px, ${this.y}px) scale(${this.scale})`;
  }
}
