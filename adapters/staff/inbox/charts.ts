import { escapeHtml } from '../../../notifications/composeEmail';

/**
 * Charts drawn on the server as inline SVG: no script, no library, nothing fetched. Each
 * is an image with a title and a description (role="img", aria-labelledby) and every bar
 * carries its own <title>; the page puts the same numbers in a table beside it.
 */

export interface Datum { label: string; value: number; /** Drawn as a second, lighter bar (e.g. accepted of received). */ part?: number }

const INK = '#1a1a1a';
const BAR = '#000091';
const PART = '#6a6af4';
const GRID = '#cecece';

const head = (id: string, title: string, desc: string, width: number, height: number) =>
  `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, Arial, sans-serif">`
  + `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc>`;

/** Vertical columns, one a day: a time series. Labels under the first, middle and last columns. */
export function columnChart(o: { id: string; title: string; desc: string; data: Datum[]; unit: string }): string {
  const n = Math.max(o.data.length, 1);
  const width = 320;
  const left = 28;
  const top = 12;
  const plotH = 120;
  const height = top + plotH + 26;
  const max = Math.max(1, ...o.data.map((d) => d.value));
  const step = (width - left - 4) / n;
  const barW = Math.max(1, step * 0.75);
  const parts: string[] = [head(o.id, o.title, o.desc, width, height)];
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${width - 2}" y2="${top + plotH}" stroke="${GRID}"/>`);
  parts.push(`<text x="${left - 4}" y="${top + 4}" font-size="10" text-anchor="end" fill="${INK}">${max}</text>`);
  parts.push(`<text x="${left - 4}" y="${top + plotH}" font-size="10" text-anchor="end" fill="${INK}">0</text>`);
  o.data.forEach((d, i) => {
    const h = (d.value / max) * plotH;
    const x = left + i * step + (step - barW) / 2;
    parts.push(`<rect x="${x.toFixed(2)}" y="${(top + plotH - h).toFixed(2)}" width="${barW.toFixed(2)}" height="${h.toFixed(2)}" fill="${BAR}"><title>${escapeHtml(`${d.label} : ${d.value} ${o.unit}`)}</title></rect>`);
  });
  const labelled = [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  for (const i of labelled) {
    const d = o.data[i];
    if (!d) continue;
    const x = left + i * step + step / 2;
    parts.push(`<text x="${x.toFixed(2)}" y="${top + plotH + 16}" font-size="10" text-anchor="${i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}" fill="${INK}">${escapeHtml(d.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Horizontal bars, a label above each: readable on a phone whatever the labels' length. */
export function barChart(o: { id: string; title: string; desc: string; data: Datum[]; partLabel?: string }): string {
  const width = 320;
  const rowH = 34;
  const height = Math.max(1, o.data.length) * rowH + 4;
  const max = Math.max(1, ...o.data.map((d) => d.value));
  const plotW = width - 48;
  const parts: string[] = [head(o.id, o.title, o.desc, width, height)];
  o.data.forEach((d, i) => {
    const y = i * rowH;
    const w = (d.value / max) * plotW;
    parts.push(`<text x="0" y="${y + 11}" font-size="11" fill="${INK}">${escapeHtml(d.label.length > 48 ? `${d.label.slice(0, 47)}…` : d.label)}</text>`);
    parts.push(`<rect x="0" y="${y + 15}" width="${Math.max(w, d.value > 0 ? 1 : 0).toFixed(2)}" height="14" fill="${BAR}"><title>${escapeHtml(`${d.label} : ${d.value}`)}</title></rect>`);
    if (d.part !== undefined && d.part > 0) {
      parts.push(`<rect x="0" y="${y + 19}" width="${((d.part / max) * plotW).toFixed(2)}" height="6" fill="${PART}"><title>${escapeHtml(`${d.label} : ${o.partLabel ?? ''} ${d.part}`)}</title></rect>`);
    }
    parts.push(`<text x="${(w + 4).toFixed(2)}" y="${y + 27}" font-size="11" fill="${INK}">${d.value}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
