import { EPCIS_CONTEXT } from '@pujiang/epcis';

/**
 * A lot of jasmine tea from a Hangzhou garden to a Berlin shop, as the brand
 * owner (GS1 company prefix 4012345) sends it: its master data in the
 * document header, its lot as an EPC URN with characters a Digital Link
 * percent-encodes (issue 18), a cold-chain leg with temperature readings.
 * `tag` (6 hex digits) makes the lot unique per run.
 */

type Json = Record<string, unknown>;

export const TEA_GTIN = '04012345123456';
export const teaLot = (tag: string) => `L(${tag})-A`;

const GARDEN = 'urn:epc:id:sgln:4012345.00001.0';
const PACKHOUSE = 'urn:epc:id:sgln:4012345.00002.0';
const HAMBURG = 'urn:epc:id:sgln:4012345.00003.0';
const SHOP = 'urn:epc:id:sgln:4012345.00004.0';
/** Zhejiang–Shanghai: the garden and the packhouse are under it in the master data. */
export const TEA_REGION = 'urn:epc:id:sgln:4012345.00010.0';
const BRAND = 'urn:epc:id:pgln:4012345.00000';
const RETAILER = 'urn:epc:id:pgln:4012345.00009';

const MDA = 'urn:epcglobal:cbv:mda#';
const attr = (id: string, attribute: unknown) => ({ id, attribute });

function location(
  id: string,
  name: string,
  city: string,
  country: string,
  [lat, lon]: [number, number],
  zone: string,
  operator: string,
): Json {
  return {
    id,
    attributes: [
      attr(`${MDA}name`, name),
      attr(`${MDA}city`, city),
      attr(`${MDA}countryCode`, country),
      attr(`${MDA}latitude`, lat),
      attr(`${MDA}longitude`, lon),
      attr('urn:pujiang:mda#timeZone', zone),
      attr('urn:pujiang:mda#operator', operator),
    ],
  };
}

export const TEA_MASTER_DATA = {
  vocabularyList: [
    {
      type: 'urn:epcglobal:epcis:vtype:EPCClass',
      vocabularyElementList: [
        {
          id: `https://id.gs1.org/01/${TEA_GTIN}`,
          attributes: [
            attr('https://gs1.org/voc/productName', 'West Lake Jasmine Tea'),
            attr('https://gs1.org/voc/brand', { brandName: 'Pujiang Gardens' }),
            attr('https://gs1.org/voc/image', '/images/jasmine-tea.jpg'),
            attr('https://gs1.org/voc/netContent', { value: 250, unitCode: 'GRM' }),
            attr('https://gs1.org/voc/certificationInfo', {
              certificationStandard: 'EU Organic',
              certificationAgency: 'DE-ÖKO-001',
            }),
          ],
        },
      ],
    },
    {
      type: 'urn:epcglobal:epcis:vtype:BusinessLocation',
      vocabularyElementList: [
        location(
          GARDEN,
          'Meijiawu tea garden',
          'Hangzhou',
          'CN',
          [30.2, 120.1],
          'Asia/Shanghai',
          BRAND,
        ),
        location(
          PACKHOUSE,
          'Pujiang packhouse',
          'Shanghai',
          'CN',
          [31.2, 121.5],
          'Asia/Shanghai',
          BRAND,
        ),
        location(
          HAMBURG,
          'Hamburg cold store',
          'Hamburg',
          'DE',
          [53.5, 10.0],
          'Europe/Berlin',
          RETAILER,
        ),
        location(SHOP, 'Teehaus Mitte', 'Berlin', 'DE', [52.5, 13.4], 'Europe/Berlin', RETAILER),
        {
          id: TEA_REGION,
          attributes: [attr(`${MDA}name`, 'Yangtze delta sites')],
          children: [GARDEN, PACKHOUSE],
        },
      ],
    },
    {
      type: 'urn:epcglobal:epcis:vtype:Party',
      vocabularyElementList: [
        { id: BRAND, attributes: [attr(`${MDA}name`, 'Pujiang Tea Co.')] },
        { id: RETAILER, attributes: [attr(`${MDA}name`, 'Teehaus GmbH')] },
      ],
    },
  ],
};

function step(lot: string, time: string, offset: string, bizStep: string, place: string): Json {
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: time,
    eventTimeZoneOffset: offset,
    epcList: [],
    quantityList: [{ epcClass: lot, quantity: 40, uom: 'KGM' }],
    bizStep,
    readPoint: { id: place },
    bizLocation: { id: place },
  };
}

export function teaDocument(tag: string): Json {
  const lot = `urn:epc:class:lgtin:4012345.012345.${teaLot(tag)}`;
  const cold = step(lot, '2026-11-25T09:00:00.000+01:00', '+01:00', 'storing', HAMBURG);
  cold.sensorElementList = [
    {
      sensorMetadata: { time: '2026-11-25T09:00:00.000+01:00' },
      sensorReport: [3.8, 4.4, 5.1, 4.0, 3.6].map((value, hour) => ({
        type: 'gs1:Temperature',
        value,
        uom: 'CEL',
        time: `2026-11-25T0${4 + hour}:00:00.000Z`,
      })),
    },
  ];
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-28T10:00:00.000+01:00',
    epcisHeader: { epcisMasterData: TEA_MASTER_DATA },
    epcisBody: {
      eventList: [
        step(lot, '2026-11-10T07:30:00.000+08:00', '+08:00', 'commissioning', GARDEN),
        step(lot, '2026-11-11T14:00:00.000+08:00', '+08:00', 'packing', PACKHOUSE),
        step(lot, '2026-11-12T09:15:00.000+08:00', '+08:00', 'shipping', PACKHOUSE),
        cold,
        step(lot, '2026-11-27T16:45:00.000+01:00', '+01:00', 'receiving', SHOP),
      ],
    },
  };
}
