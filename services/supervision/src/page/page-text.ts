import { AnswerStanding } from '../domain/fsma-deadline';

/** The languages the supervision page is written in. */
export type Language = 'en' | 'zh';

/** `?lang=` when the reader chose, else Chinese for any Chinese Accept-Language first, else English. */
export function pageLanguage(chosen: unknown, acceptLanguage: string | undefined): Language {
  if (chosen === 'en' || chosen === 'zh') return chosen;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('zh') ? 'zh' : 'en';
}

export interface PageText {
  htmlLang: string;
  title: string;
  intro: string;
  asOf: string;
  other: { label: string; lang: Language };
  fsma: string;
  fsmaNone: string;
  organisation: string;
  lot: string;
  requested: string;
  due: string;
  standing: string;
  standings: Record<AnswerStanding, string>;
  coldChain: string;
  coldChainNone: string;
  product: string;
  reading: string;
  range: string;
  readAt: string;
  claims: string;
  claimsNone: string;
  claim: string;
  clock: string;
  daysPast: string;
  surrenders: string;
  surrendersNone: string;
  document: string;
  surrendered: string;
  shipments: string;
  shipmentsNone: string;
  identifier: string;
  shipped: string;
  anchoring: string;
  anchoringNone: string;
  anchored: string;
  maxLag: string;
  pending: string;
  oldestPending: string;
}

export const PAGE_TEXT: Record<Language, PageText> = {
  en: {
    htmlLang: 'en',
    title: 'Supervision',
    intro:
      'What the platform’s compliance monitors find now, and the FSMA 204 records requests with their deadlines.',
    asOf: 'As of',
    other: { label: '中文', lang: 'zh' },
    fsma: 'FSMA 204 records requests',
    fsmaNone: 'No request yet.',
    organisation: 'Organisation',
    lot: 'Lot (GTIN / lot code)',
    requested: 'Requested',
    due: 'Due',
    standing: 'Answer',
    standings: {
      AWAITING: 'Awaited',
      OVERDUE: 'Overdue: not answered by the deadline',
      ANSWERED_ON_TIME: 'Answered in time',
      ANSWERED_LATE: 'Answered late',
    },
    coldChain: 'Cold-chain breaches on food lots',
    coldChainNone: 'No breach.',
    product: 'Product and lots',
    reading: 'Reading',
    range: 'Allowed range',
    readAt: 'Read at',
    claims: 'Claims past their time bars',
    claimsNone: 'No claim past a time bar.',
    claim: 'Claim',
    clock: 'Time bar',
    daysPast: 'Days past',
    surrenders: 'eBLs surrendered without a delivery event',
    surrendersNone: 'Every surrendered eBL has its delivery.',
    document: 'Transport document',
    surrendered: 'Surrendered',
    shipments: 'Shipped lots never received',
    shipmentsNone: 'Every shipment past the grace period was received.',
    identifier: 'Lot, pallet or item',
    shipped: 'Shipped',
    anchoring: 'Anchoring lag per organisation',
    anchoringNone: 'Nothing captured in the window.',
    anchored: 'Anchored',
    maxLag: 'Longest lag (s)',
    pending: 'Pending',
    oldestPending: 'Oldest pending (s)',
  },
  zh: {
    htmlLang: 'zh-Hans',
    title: '监管',
    intro: '平台合规监测的当前发现，以及 FSMA 204 记录调取请求及其期限。',
    asOf: '截至',
    other: { label: 'English', lang: 'en' },
    fsma: 'FSMA 204 记录调取请求',
    fsmaNone: '尚无请求。',
    organisation: '机构',
    lot: '批次（GTIN / 批号）',
    requested: '请求时间',
    due: '期限',
    standing: '答复',
    standings: {
      AWAITING: '等待答复',
      OVERDUE: '逾期：期限内未答复',
      ANSWERED_ON_TIME: '按时答复',
      ANSWERED_LATE: '逾期答复',
    },
    coldChain: '食品批次冷链温度超标',
    coldChainNone: '无超标。',
    product: '产品与批次',
    reading: '读数',
    range: '允许范围',
    readAt: '读取时间',
    claims: '超过时效的理赔',
    claimsNone: '无超过时效的理赔。',
    claim: '理赔',
    clock: '时效',
    daysPast: '超过天数',
    surrenders: '已交回但无交付事件的电子提单',
    surrendersNone: '所有已交回的电子提单均有交付记录。',
    document: '运输单据',
    surrendered: '交回时间',
    shipments: '已发运但未收货的批次',
    shipmentsNone: '超过宽限期的发运均已收货。',
    identifier: '批次、托盘或单品',
    shipped: '发运时间',
    anchoring: '各机构上链延迟',
    anchoringNone: '时间窗口内无采集事件。',
    anchored: '已上链',
    maxLag: '最长延迟（秒）',
    pending: '待上链',
    oldestPending: '最久待上链（秒）',
  },
};
