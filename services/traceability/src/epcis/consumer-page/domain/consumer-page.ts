import type { ReadingAttestation } from '@pujiang/contracts';
import { Place, TradeItem } from '../../master-data/domain/descriptions';
import { TemperatureReading } from './event-facts';
import { Language } from './language';
import { PAGE_TEXT, PageText, Verdict } from './page-text';
import { StepProof, escapeHtml } from './provenance';
import { RoutePoint, routeSvg, temperatureSvg } from './svg';

/** A published step as the shopper reads it: names from master data, time in the place's zone. */
export interface JourneyStep {
  eventHash: string;
  eventTime: string;
  bizStep: string | null;
  proof: StepProof;
  place?: Place;
  company?: string;
  /** The zone the event was recorded in, when its place names none. */
  timeZoneOffset?: string;
  /** Capture's verdict on each sensor reading of the step: which registered device signed it. */
  attestations?: ReadingAttestation[];
}

/** What the scanned code names beyond the product: a lot, one item, or a logistic unit. */
export interface ScannedCode {
  kind: 'lot' | 'serial' | 'sscc';
  value: string;
}

export interface ConsumerPageContent {
  /** Absent for a logistic unit (SSCC), which names no product. */
  gtin?: string;
  /** Absent for a GTIN alone: the product, no journey of its own. */
  code?: ScannedCode;
  product: TradeItem;
  steps: JourneyStep[];
  temperatures: TemperatureReading[];
}

const LOCALE: Record<Language, string> = { en: 'en-GB', zh: 'zh-CN' };

/** The verdict on all steps: one changed step outweighs any number of good ones. */
export function verdict(steps: readonly { proof: StepProof }[]): Verdict {
  if (steps.length === 0) return 'none';
  if (steps.some((s) => s.proof.state === 'not-verified')) return 'mismatch';
  return steps.every((s) => s.proof.state === 'verified') ? 'verified' : 'waiting';
}

/**
 * A step's time where it happened: in the place's own zone when master data
 * names one, else at the offset the event was recorded with, else UTC.
 */
export function localTime(
  step: Pick<JourneyStep, 'eventTime' | 'place' | 'timeZoneOffset'>,
  language: Language,
): string {
  const when = new Date(step.eventTime);
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  if (step.place?.timeZone !== undefined) {
    return new Intl.DateTimeFormat(LOCALE[language], {
      ...options,
      timeZone: step.place.timeZone,
      timeZoneName: 'short',
    }).format(when);
  }
  const offset = step.timeZoneOffset ?? '+00:00';
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const shifted = new Date(when.getTime() + minutes * 60_000);
  const text = new Intl.DateTimeFormat(LOCALE[language], { ...options, timeZone: 'UTC' }).format(
    shifted,
  );
  return `${text} UTC${offset === '+00:00' ? '' : offset}`;
}

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;color:#1a1a1a;background:#fafaf7}main{max-width:44rem;margin:0 auto;padding:1rem}header.top{display:flex;justify-content:flex-end}a{color:#0b4f8a}a:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}.facts{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}.facts dt{font-weight:600}.facts dd{margin:0;overflow-wrap:anywhere}.badge{border-radius:12px;padding:1rem;margin:1rem 0;border:2px solid}.badge strong{font-size:1.2rem;display:block}.verified{background:#e7f4ec;border-color:#0b5d3b}.mismatch{background:#fdecea;border-color:#a4161a}.waiting,.none{background:#f1f1ee;border-color:#5c5c5c}ol.journey{list-style:none;padding:0;margin:0;border-left:3px solid #0b5d3b}ol.journey li{position:relative;padding:0 0 1rem 1.25rem}ol.journey li::before{content:"";position:absolute;left:-.6rem;top:.35rem;width:.9rem;height:.9rem;border-radius:50%;background:#0b5d3b}.step{font-weight:700}.where,.proof{display:block;overflow-wrap:anywhere}.proof{color:#3d3d3d}.chart{width:100%;max-width:320px;height:auto;display:block}figure{margin:0}figcaption{margin-top:.25rem}ul.certs{padding-left:1.25rem}`;

function page(text: PageText, title: string, body: string): string {
  return `<!doctype html>
<html lang="${text.htmlLang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
}

function stepItem(step: JourneyStep, index: number, text: PageText, language: Language): string {
  const where = step.place?.name ?? step.place?.address ?? text.unknownPlace;
  const company = step.company === undefined ? '' : ` · ${text.by} ${escapeHtml(step.company)}`;
  const verify = `/verify/${encodeURIComponent(step.eventHash)}?lang=${language}`;
  const attestation = attestationLines(step.attestations ?? [], text);
  return `<li><span class="step">${index + 1}. ${escapeHtml(text.step(step.bizStep))}</span> <time datetime="${escapeHtml(step.eventTime)}">${escapeHtml(localTime(step, language))}</time><span class="where">${escapeHtml(where)}${company}</span>${attestation}<span class="proof">${text.stepProof[step.proof.state]} · <a href="${escapeHtml(verify)}">${text.howChecked}</a></span></li>`;
}

/** One line per device that signed readings of the step, and one for readings none vouched for. */
function attestationLines(attestations: readonly ReadingAttestation[], text: PageText): string {
  const byDevice = new Map<string, { device: string; owner: string; count: number }>();
  let unattested = 0;
  for (const a of attestations) {
    if (a.verdict !== 'ATTESTED' || a.deviceId === undefined || a.ownerMspId === undefined) {
      unattested += 1;
      continue;
    }
    const key = `${a.ownerMspId}\u0000${a.deviceId}`;
    const seen = byDevice.get(key) ?? { device: a.deviceId, owner: a.ownerMspId, count: 0 };
    seen.count += 1;
    byDevice.set(key, seen);
  }
  const lines = [...byDevice.values()].map((d) =>
    text.readingsAttested(d.device, d.owner, d.count),
  );
  if (unattested > 0) lines.push(text.readingsNotAttested(unattested));
  return lines.map((line) => `<span class="proof">${escapeHtml(line)}</span>`).join('');
}

function productFacts(content: ConsumerPageContent, text: PageText): string {
  const { product } = content;
  const rows: [string, string][] =
    content.code === undefined ? [] : [[text.code[content.code.kind], content.code.value]];
  if (product.brand !== undefined) rows.unshift([text.brand, product.brand]);
  if (product.netContent !== undefined) rows.push([text.netContent, product.netContent]);
  const picture =
    product.image === undefined
      ? ''
      : `<p><a href="${escapeHtml(product.image)}" rel="noopener">${text.productPicture}</a></p>`;
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>${picture}`;
}

/** Consecutive steps at one place are one dot, labelled with their numbers (`1–3`). */
function route(steps: readonly JourneyStep[], text: PageText): string {
  const points: RoutePoint[] = [];
  let last: { latitude: number; longitude: number; first: number } | undefined;
  steps.forEach((step, i) => {
    const { latitude, longitude } = step.place ?? {};
    if (latitude === undefined || longitude === undefined) return;
    if (last?.latitude === latitude && last.longitude === longitude) {
      const point = points[points.length - 1];
      if (point !== undefined) point.label = `${last.first}–${i + 1}`;
      return;
    }
    last = { latitude, longitude, first: i + 1 };
    points.push({ latitude, longitude, label: String(i + 1) });
  });
  if (points.length < 2) return '';
  return `<h2>${text.route}</h2><figure>${routeSvg(points, text.routeSummary(points.length))}</figure>`;
}

function temperatures(readings: readonly TemperatureReading[], text: PageText): string {
  if (readings.length === 0) return '';
  const sorted = [...readings].sort((a, b) => a.time.localeCompare(b.time));
  const values = sorted.map((r) => r.celsius);
  const fmt = (n: number) => (Math.round(n * 10) / 10).toString();
  const summary = text.temperatureSummary(
    fmt(Math.min(...values)),
    fmt(Math.max(...values)),
    values.length,
  );
  return `<h2>${text.temperatures}</h2><figure>${temperatureSvg(sorted, summary)}<figcaption>${escapeHtml(summary)}</figcaption></figure>`;
}

/** The page a shopper sees after scanning the pack: no script, no request elsewhere, every value escaped. */
export function consumerPage(
  content: ConsumerPageContent,
  language: Language,
  selfPath: string,
): string {
  const text = PAGE_TEXT[language];
  const productName =
    content.product.name ??
    (content.gtin === undefined ? `SSCC ${content.code?.value ?? ''}` : `GTIN ${content.gtin}`);
  const state = verdict(content.steps);
  const other: Language = language === 'en' ? 'zh' : 'en';
  const switcher = `<header class="top"><a href="${escapeHtml(selfPath)}?lang=${other}" hreflang="${PAGE_TEXT[other].htmlLang}" lang="${PAGE_TEXT[other].htmlLang}">${text.otherLanguage}</a></header>`;
  const steps =
    content.code === undefined
      ? `<p>${text.productOnly}</p>`
      : content.steps.length === 0
        ? `<p>${text.noSteps}</p>`
        : `<ol class="journey">${content.steps.map((s, i) => stepItem(s, i, text, language)).join('')}</ol>`;
  const certs = content.product.certifications;
  const certifications =
    certs.length === 0
      ? ''
      : `<h2>${text.certifications}</h2><ul class="certs">${certs.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`;
  return page(
    text,
    text.title(productName),
    `${switcher}<h1>${escapeHtml(productName)}</h1>${productFacts(content, text)}
<section class="badge ${state}" aria-labelledby="verdict"><strong id="verdict">${text.badge[state]}</strong>${text.explanation[state]}</section>
<h2>${text.journey}</h2>${steps}${route(content.steps, text)}${temperatures(content.temperatures, text)}${certifications}`,
  );
}

/** The verification page of one step: the proof in words, and where the machines' JSON is. */
export function verificationPage(
  view: {
    eventHash: string;
    eventTime?: string;
    proof: StepProof;
    jsonHref: string;
    backHref?: string;
  },
  language: Language,
): string {
  const text = PAGE_TEXT[language];
  const rows: [string, string][] = [[text.howChecked, text.stepProof[view.proof.state]]];
  if (view.eventTime !== undefined)
    rows.push([text.recordedAt, localTime({ eventTime: view.eventTime }, language)]);
  if (view.proof.state === 'verified') rows.push([text.block, String(view.proof.blockNumber)]);
  const state: Verdict = verdict([view]);
  return page(
    text,
    text.verifyTitle,
    `<h1>${text.verifyTitle}</h1><section class="badge ${state}" aria-labelledby="verdict"><strong id="verdict">${text.stepProof[view.proof.state]}</strong>${text.verifyIntro}</section><dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}<dt>ID</dt><dd>${escapeHtml(view.eventHash)}</dd></dl><p><a href="${escapeHtml(view.jsonHref)}" type="application/json">${text.machineReadable}</a></p>${view.backHref === undefined ? '' : `<p><a href="${escapeHtml(view.backHref)}">${text.back}</a></p>`}`,
  );
}
