import { TemperatureReading } from './event-facts';

/** A place on the route, with its number in the journey. */
export interface RoutePoint {
  latitude: number;
  longitude: number;
  label: string;
}

const WIDTH = 320;
const HEIGHT = 200;
const PAD = 24;

const round = (n: number) => Math.round(n * 10) / 10;

/** Maps values onto [from, to], or the middle when they are all equal. */
function scale(values: number[], from: number, to: number): (v: number) => number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return (v) => (max === min ? (from + to) / 2 : from + ((v - min) / (max - min)) * (to - from));
}

/**
 * The route as a line through numbered dots, drawn in the page itself: an
 * equirectangular sketch of the places' coordinates, north up, no map tiles
 * (no request to any other host). Decorative for screen readers: the
 * timeline beside it says the same in words.
 */
export function routeSvg(points: readonly RoutePoint[], title: string): string {
  // Longitude spans shrink with latitude; scale both axes alike so the shape is true.
  const meanLat = (points.reduce((s, p) => s + p.latitude, 0) / points.length) * (Math.PI / 180);
  const xs = points.map((p) => p.longitude * Math.cos(meanLat));
  const ys = points.map((p) => p.latitude);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-6);
  const unit = Math.min(WIDTH - 2 * PAD, HEIGHT - 2 * PAD) / span;
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const at = points.map((_, i) => ({
    x: round(WIDTH / 2 + ((xs[i] ?? 0) - cx) * unit),
    y: round(HEIGHT / 2 - ((ys[i] ?? 0) - cy) * unit),
  }));
  const line = at.map((p) => `${p.x},${p.y}`).join(' ');
  const dots = at
    .map(
      (p, i) =>
        `<circle cx="${p.x}" cy="${p.y}" r="${6 + 3.5 * (points[i]?.label.length ?? 1)}" fill="#0b5d3b"/><text x="${p.x}" y="${p.y + 4}" text-anchor="middle" font-size="11" fill="#fff">${points[i]?.label ?? ''}</text>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}" class="chart"><rect width="${WIDTH}" height="${HEIGHT}" rx="8" fill="#eef5f0"/><polyline points="${line}" fill="none" stroke="#0b5d3b" stroke-width="2.5" stroke-dasharray="6 4"/>${dots}</svg>`;
}

/** The lot's temperatures over time, with its lowest and highest marked on the axis. */
export function temperatureSvg(readings: readonly TemperatureReading[], title: string): string {
  const times = readings.map((r) => Date.parse(r.time));
  const values = readings.map((r) => r.celsius);
  const x = scale(times, 40, WIDTH - 12);
  const y = scale(values, HEIGHT - 24, 16);
  const line = readings
    .map((r, i) => `${round(x(times[i] ?? 0))},${round(y(r.celsius))}`)
    .join(' ');
  const min = Math.min(...values);
  const max = Math.max(...values);
  const tick = (v: number) =>
    `<text x="34" y="${round(y(v)) + 4}" text-anchor="end" font-size="11" fill="#333">${round(v)}°</text><line x1="38" x2="${WIDTH - 8}" y1="${round(y(v))}" y2="${round(y(v))}" stroke="#ccd" stroke-width="1"/>`;
  const dots = readings
    .map(
      (r, i) =>
        `<circle cx="${round(x(times[i] ?? 0))}" cy="${round(y(r.celsius))}" r="3" fill="#1f4e9c"/>`,
    )
    .join('');
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${title}" class="chart"><rect width="${WIDTH}" height="${HEIGHT}" rx="8" fill="#f2f5fb"/>${tick(max)}${min === max ? '' : tick(min)}<polyline points="${line}" fill="none" stroke="#1f4e9c" stroke-width="2"/>${dots}</svg>`;
}
