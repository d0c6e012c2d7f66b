import { Language } from './language';

/** Every sentence the consumer page and the verification page say, in each language. */
export interface PageText {
  htmlLang: string;
  title: (product: string) => string;
  code: Record<'lot' | 'serial' | 'sscc', string>;
  productOnly: string;
  brand: string;
  netContent: string;
  productPicture: string;
  journey: string;
  noSteps: string;
  route: string;
  routeSummary: (places: number) => string;
  certifications: string;
  temperatures: string;
  temperatureSummary: (min: string, max: string, count: number) => string;
  by: string;
  unknownPlace: string;
  step: (bizStep: string | null) => string;
  badge: Record<Verdict, string>;
  explanation: Record<Verdict, string>;
  stepProof: Record<'verified' | 'pending' | 'not-verified' | 'unchecked', string>;
  howChecked: string;
  readingsAttested: (device: string, owner: string, count: number) => string;
  readingsNotAttested: (count: number) => string;
  otherLanguage: string;
  verifyTitle: string;
  verifyIntro: string;
  recordedAt: string;
  block: string;
  back: string;
  machineReadable: string;
}

/** The page's one-word verdict on all its steps together. */
export type Verdict = 'verified' | 'mismatch' | 'waiting' | 'none';

const EN_STEPS: Record<string, string> = {
  commissioning: 'Made',
  harvesting: 'Harvested',
  packing: 'Packed',
  shipping: 'Shipped',
  departing: 'Left',
  arriving: 'Arrived',
  receiving: 'Received',
  storing: 'Stored',
  retail_selling: 'Sold',
  creating_class_instance: 'Produced',
  inspecting: 'Inspected',
  loading: 'Loaded',
  unloading: 'Unloaded',
  accepting: 'Accepted',
  stocking: 'Put on the shelf',
  transforming: 'Processed',
  sensor_reporting: 'Temperature checked',
};

const ZH_STEPS: Record<string, string> = {
  commissioning: '生产',
  harvesting: '采收',
  packing: '包装',
  shipping: '发货',
  departing: '出发',
  arriving: '到达',
  receiving: '收货',
  storing: '仓储',
  retail_selling: '零售',
  creating_class_instance: '生产',
  inspecting: '检验',
  loading: '装货',
  unloading: '卸货',
  accepting: '验收',
  stocking: '上架',
  transforming: '加工',
  sensor_reporting: '温度检测',
};

const stepKey = (bizStep: string | null) =>
  bizStep === null
    ? ''
    : bizStep.replace(/^.*BizStep-/, '').replace(/^urn:epcglobal:cbv:bizstep:/, '');

const fallback = (key: string, other: string) => (key === '' ? other : key.replace(/_/g, ' '));

const EN: PageText = {
  htmlLang: 'en',
  title: (product) => `Where your ${product} came from`,
  code: { lot: 'Lot', serial: 'Serial number', sscc: 'Shipment (SSCC)' },
  productOnly:
    'This code names the product, not one batch of it. The journey of each batch is behind the code on its pack.',
  brand: 'Brand',
  netContent: 'Contents',
  productPicture: 'Picture of the product',
  journey: 'Its journey',
  noSteps: 'No step has been published for this code yet.',
  route: 'Route',
  routeSummary: (places) => `Map of the route through ${places} places, in order.`,
  certifications: 'Certifications',
  temperatures: 'Cold chain temperatures',
  temperatureSummary: (min, max, count) => `${count} readings, between ${min} and ${max} °C.`,
  by: 'by',
  unknownPlace: 'a place not described',
  step: (bizStep) => EN_STEPS[stepKey(bizStep)] ?? fallback(stepKey(bizStep), 'Recorded'),
  badge: {
    verified: 'Verified',
    mismatch: 'Does not match',
    waiting: 'Not checked yet',
    none: 'Nothing to check yet',
  },
  explanation: {
    verified:
      'Every step below was sealed in a shared ledger that the companies in this chain keep together. We checked just now: none of them has been changed since.',
    mismatch:
      'At least one step below no longer matches what was sealed in the shared ledger. It may have been changed after it was recorded. Ask the shop or the brand about it.',
    waiting:
      'Some steps are not sealed in the shared ledger yet, or the ledger could not be reached just now, so we cannot vouch for them. Try again in a minute.',
    none: 'There is nothing to check until the first step is published.',
  },
  stepProof: {
    verified: 'Sealed and unchanged',
    pending: 'Not sealed yet',
    'not-verified': 'Changed since it was sealed',
    unchecked: 'Could not be checked just now',
  },
  howChecked: 'How this step was checked',
  readingsAttested: (device, owner, count) =>
    `${count === 1 ? 'Reading' : `${count} readings`} signed by device ${device} of ${owner}`,
  readingsNotAttested: (count) =>
    `${count === 1 ? 'A reading' : `${count} readings`} not signed by a registered device`,
  otherLanguage: '中文',
  verifyTitle: 'How we checked this step',
  verifyIntro:
    'When a company records a step, a fingerprint of the record is sealed in a shared ledger kept by several companies. We compared the record with its fingerprint just now.',
  recordedAt: 'Recorded',
  block: 'Ledger block',
  back: 'Back to the product',
  machineReadable: 'The same check for software (JSON)',
};

const ZH: PageText = {
  htmlLang: 'zh-Hans',
  title: (product) => `${product}的来源`,
  code: { lot: '批次', serial: '序列号', sscc: '物流单元（SSCC）' },
  productOnly: '此码标识的是产品，而非某一批次。每一批次的流转历程请扫描其包装上的码。',
  brand: '品牌',
  netContent: '净含量',
  productPicture: '产品图片',
  journey: '流转历程',
  noSteps: '此码尚无公开的流转环节。',
  route: '路线',
  routeSummary: (places) => `按顺序经过 ${places} 个地点的路线图。`,
  certifications: '认证',
  temperatures: '冷链温度',
  temperatureSummary: (min, max, count) => `共 ${count} 次读数，介于 ${min} 至 ${max} °C 之间。`,
  by: '经办：',
  unknownPlace: '未登记的地点',
  step: (bizStep) => ZH_STEPS[stepKey(bizStep)] ?? fallback(stepKey(bizStep), '记录'),
  badge: { verified: '已核验', mismatch: '记录不符', waiting: '尚未核验', none: '暂无可核验内容' },
  explanation: {
    verified:
      '以下每个环节都已封存在供应链各企业共同维护的共享账本中。我们刚刚核对过：没有任何记录被改动。',
    mismatch:
      '以下至少有一个环节与共享账本中封存的内容不一致，可能在记录后被改动过。请向商店或品牌方咨询。',
    waiting: '部分环节尚未封存到共享账本，或暂时无法连接账本，因此我们还不能担保。请稍后再试。',
    none: '第一个环节公开后才能核验。',
  },
  stepProof: {
    verified: '已封存，未被改动',
    pending: '尚未封存',
    'not-verified': '封存后被改动',
    unchecked: '暂时无法核验',
  },
  howChecked: '该环节如何核验',
  readingsAttested: (device, owner, count) => `${count} 个读数由 ${owner} 的设备 ${device} 签名`,
  readingsNotAttested: (count) => `${count} 个读数未经登记设备签名`,
  otherLanguage: 'English',
  verifyTitle: '我们如何核验该环节',
  verifyIntro:
    '企业记录一个环节时，该记录的指纹会被封存在由多家企业共同维护的共享账本中。我们刚刚将记录与其指纹进行了比对。',
  recordedAt: '记录时间',
  block: '账本区块',
  back: '返回产品页面',
  machineReadable: '供软件使用的同一核验结果（JSON）',
};

export const PAGE_TEXT: Record<Language, PageText> = { en: EN, zh: ZH };
