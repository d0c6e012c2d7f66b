/**
 * A farm-to-store soybean → tofu supply network, as the EPCIS 2.0 events its
 * members' systems would send: Heilongjiang farms harvest lots and store
 * them in on-farm bins, co-operatives clean and commingle, an exporter
 * grades and bags (packing), pallets (SSCC) are stuffed into reused
 * containers at Dalian and shipped to Japan, a processor dehulls, makes soy
 * milk and tofu and packs consumer lots, a retailer's DC splits the pallets
 * onto store roll cages, and stores receive and sell.
 *
 * Pure and deterministic: the events of cycle c depend only on the
 * parameters and c, so a benchmark can name the lots of any cycle without
 * reading them back. Events are emitted in event-time order across the
 * whole network (cycles overlap for weeks), so the events of one lot are
 * spread through the table as they would be in a real repository.
 *
 * Trace depth, as the service counts it (identifier hops through
 * transformations and containment): harvest lot → bin lot → cleaned lot →
 * graded lot → bagged lot → dehulled lot → soy-milk batch → tofu batch →
 * consumer lot is 8 transformations, so a sold lot's backward trace reaches
 * its harvest lots at depth 8 and a harvest lot's forward trace reaches the
 * DC pallets and store cages of the consumer lots at depth 9.
 */
import { buildDigitalLink, lotDigitalLink, ssccDigitalLink } from '@pujiang/epcis';
import { gs1CheckDigit } from '@pujiang/standards';

export type EpcisEvent = Record<string, unknown>;

/** A range of whole numbers, both ends included. */
export type Span = readonly [min: number, max: number];

export interface NetworkParameters {
  /** The dataset is the smallest number of whole cycles with at least this many events. */
  targetEvents: number;
  seed: number;
  /** First harvest of the first cycle (UTC). */
  firstHarvest: Date;
  /** Cycles start evenly over this many days. */
  seasonDays: number;
  coops: number;
  farmsPerCoop: number;
  exporters: number;
  vessels: number;
  processors: number;
  distributionCentres: number;
  stores: number;
  /** k: farms whose bin lots a co-operative commingles into one cleaned lot. */
  farmsPerCleanedLot: Span;
  /** j: harvest lots a farm stores in one bin lot. */
  harvestsPerBinLot: Span;
  /** p: export pallets of bagged soybeans in one container. */
  palletsPerContainer: number;
  /** m: soy-milk → tofu → consumer batches made from one dehulled lot. */
  batchesPerLot: Span;
  /** q: processor pallets per consumer lot. */
  palletsPerBatch: number;
  /** s: stores one consumer lot is split to at the DC. */
  storesPerBatch: Span;
  /** d: days a store reports sales of one lot (one retail_selling event a day). */
  saleDays: Span;
  /** How many voyages one container (GIAI) makes over the season. */
  voyagesPerContainer: number;
}

export const DEFAULT_PARAMETERS: Omit<NetworkParameters, 'targetEvents'> = {
  seed: 20_261_123,
  firstHarvest: new Date('2025-03-03T00:00:00Z'),
  seasonDays: 365,
  coops: 8,
  farmsPerCoop: 0, // 0: sized to the dataset (about 8 bin lots per farm over the season)
  exporters: 3,
  vessels: 6,
  processors: 3,
  distributionCentres: 4,
  stores: 240,
  farmsPerCleanedLot: [3, 5],
  harvestsPerBinLot: [2, 4],
  palletsPerContainer: 20,
  batchesPerLot: [2, 4],
  palletsPerBatch: 2,
  storesPerBatch: [4, 8],
  saleDays: [2, 4],
  voyagesPerContainer: 6,
};

/** A lot as the trace API names it (`?gtin=…&lot=…`). */
export interface LotRef {
  gtin: string;
  lot: string;
}

export interface Step {
  at: number;
  event: () => EpcisEvent;
}

export interface CyclePlan {
  cycle: number;
  binLots: number;
  harvestLots: LotRef[];
  soldLots: LotRef[];
  steps: Step[];
}

export interface SupplyNetwork {
  parameters: NetworkParameters;
  farmsPerCoop: number;
  cycles: number;
  events: number;
  harvestLots: number;
  soldLots: number;
}

export function networkParameters(
  targetEvents: number,
  overrides: Partial<Omit<NetworkParameters, 'targetEvents'>> = {},
): NetworkParameters {
  return { ...DEFAULT_PARAMETERS, ...overrides, targetEvents };
}

/** Sizes the network for its target: whole cycles, and the exact event count they make. */
export function supplyNetwork(parameters: NetworkParameters): SupplyNetwork {
  const { targetEvents } = parameters;
  const { batchesPerLot, storesPerBatch } = parameters;
  if (batchesPerLot[1] > 8 || storesPerBatch[1] > 16) {
    throw new RangeError('at most 8 batches per lot and 16 stores per batch (SSCC numbering)');
  }
  const network: SupplyNetwork = {
    parameters,
    farmsPerCoop: parameters.farmsPerCoop || 1_000,
    cycles: 0,
    events: 0,
    harvestLots: 0,
    soldLots: 0,
  };
  if (!parameters.farmsPerCoop) {
    // About 8 bin lots per farm over the season: size the farms from a sample of cycles.
    const sample = Array.from({ length: 64 }, (_, c) => cyclePlan(network, c));
    const events = sample.reduce((sum, plan) => sum + plan.steps.length, 0) / sample.length;
    const binLots = sample.reduce((sum, plan) => sum + plan.binLots, 0) / sample.length;
    const cycles = targetEvents / events;
    network.farmsPerCoop = Math.max(20, Math.ceil((cycles * binLots) / 8 / parameters.coops));
  }
  while (network.events < targetEvents) {
    const plan = cyclePlan(network, network.cycles);
    network.events += plan.steps.length;
    network.harvestLots += plan.harvestLots.length;
    network.soldLots += plan.soldLots.length;
    network.cycles++;
  }
  return network;
}

/** Every event of the network, in event-time order (ties in cycle, then plan order). */
export function* eventsInTimeOrder(network: SupplyNetwork): Generator<EpcisEvent> {
  for (const step of stepsInTimeOrder(network)) yield step.event();
}

/**
 * The network's steps in event-time order, each event not yet made: a reader
 * that needs only some of the events (one generator among several) makes
 * just those.
 */
export function* stepsInTimeOrder(network: SupplyNetwork): Generator<Step> {
  // A k-way merge of the cycles' time-sorted steps: only the cycles under way are held.
  const active = new CycleHeap();
  for (let cycle = 0; cycle < network.cycles; cycle++) {
    const start = cycleStart(network, cycle);
    // No later cycle has an event before its own start.
    while (active.size > 0 && active.nextAt() < start) yield active.take();
    const steps = cyclePlan(network, cycle).steps;
    steps.sort((x, y) => x.at - y.at);
    active.add({ cycle, steps, next: 0 });
  }
  while (active.size > 0) yield active.take();
}

function cycleStart(network: SupplyNetwork, cycle: number): number {
  const { firstHarvest, seasonDays } = network.parameters;
  return (
    firstHarvest.getTime() + Math.floor((cycle * seasonDays * DAY) / Math.max(1, network.cycles))
  );
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MINUTE = 60_000;
const CHINA = 8 * 60;
const JAPAN = 9 * 60;

/** The plan of one cycle: one co-operative lot, from its farms' harvests to the stores' sales. */
export function cyclePlan(network: SupplyNetwork, cycle: number): CyclePlan {
  const p = network.parameters;
  const rng = new Random(p.seed ^ Math.imul(cycle + 1, 0x9e3779b1));
  const t0 = network.cycles > 0 ? cycleStart(network, cycle) : 0;
  const steps: Step[] = [];
  const at = (time: number, event: () => EpcisEvent) => steps.push({ at: time, event });
  const uuid = () =>
    `urn:uuid:${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;

  const coop = rng.int(0, p.coops - 1);
  const coopPrefix = String(6_912_340 + coop);
  const exporter = rng.int(0, p.exporters - 1);
  const exporterPrefix = String(6_923_450 + exporter);
  const destPort = rng.int(0, 1);
  const vessel = rng.int(0, p.vessels - 1);
  const processor = rng.int(0, p.processors - 1);
  const processorPrefix = String(4_912_340 + processor);
  const dc = rng.int(0, p.distributionCentres - 1);
  const containerPool = Math.max(1, Math.floor(network.cycles / p.voyagesPerContainer));

  const coopSite = site(coopPrefix, 1);
  const exporterSite = site(exporterPrefix, 1);
  const originPort = site(PORT_OF_DALIAN, 1);
  const originBerth = site(PORT_OF_DALIAN, 1, 7);
  const destinationPort = site(String(4_934_560 + destPort), 1);
  const destinationBerth = site(String(4_934_560 + destPort), 1, 3);
  const vesselSite = site(CARRIER, 100 + vessel);
  const processorSite = site(processorPrefix, 1);
  const dcSite = site(RETAILER, 10 + dc);

  const lot = (prefix: string, item: number, lotNumber: string): LotRef => ({
    gtin: gtin14(prefix, item),
    lot: lotNumber,
  });
  const urnOf = (ref: LotRef) =>
    `urn:epc:class:lgtin:${ref.gtin.slice(1, 8)}.${ref.gtin[0]}${ref.gtin.slice(8, 13)}.${ref.lot}`;
  const dlOf = (ref: LotRef) => lotDigitalLink(ref.gtin, ref.lot);
  const qty = (epcClass: string, quantity: number, uom: string) => ({ epcClass, quantity, uom });

  // Farms: harvest lots stored in bins, bins sold to the co-operative.
  const k = rng.int(...p.farmsPerCleanedLot);
  const farms = rng.distinct(k, network.farmsPerCoop);
  const harvestLots: LotRef[] = [];
  const binLots: LotRef[] = [];
  farms.forEach((farm, f) => {
    const farmSite = site(coopPrefix, 100 + farm);
    const j = rng.int(...p.harvestsPerBinLot);
    const offset = rng.int(0, 2) * DAY;
    const harvests: { ref: LotRef; tonnes: number }[] = [];
    for (let h = 0; h < j; h++) {
      const ref = lot(coopPrefix, 1, `H${cycle}-${f}-${h}`);
      const tonnes = rng.int(12, 25) / 10;
      harvests.push({ ref, tonnes });
      harvestLots.push(ref);
      const time = t0 + offset + h * DAY + rng.int(6, 17) * HOUR;
      at(time, () => ({
        ...header('ObjectEvent', time, CHINA),
        action: 'ADD',
        bizStep: 'commissioning',
        disposition: 'active',
        epcList: [],
        quantityList: [qty(urnOf(ref), tonnes, 'TNE')],
        readPoint: { id: farmSite.urn },
        bizLocation: { id: farmSite.urn },
        ilmd: {
          'cbvmda:countryOfOrigin': 'CN',
          'cbvmda:harvestStartDate': isoDate(time),
        },
      }));
    }
    const bin = lot(coopPrefix, 1, `B${cycle}-${f}`);
    binLots.push(bin);
    const binTonnes = harvests.reduce((sum, h) => sum + h.tonnes, 0);
    const stored = t0 + offset + j * DAY + 10 * HOUR;
    at(stored, () => ({
      ...header('TransformationEvent', stored, CHINA),
      bizStep: 'storing',
      disposition: 'in_progress',
      inputQuantityList: harvests.map((h) => qty(urnOf(h.ref), h.tonnes, 'TNE')),
      outputQuantityList: [qty(urnOf(bin), binTonnes, 'TNE')],
      readPoint: { id: farmSite.urn },
      bizLocation: { id: farmSite.urn },
    }));
    const despatch = `urn:epcglobal:cbv:bt:${farmSite.gln}:DA${cycle}${f}`;
    const shipped = t0 + 8 * DAY + f * 2 * HOUR;
    const moved = (time: number, bizStep: string, disposition: string, where: Site) => ({
      ...header('ObjectEvent', time, CHINA),
      action: 'OBSERVE',
      bizStep,
      disposition,
      epcList: [],
      quantityList: [qty(urnOf(bin), binTonnes, 'TNE')],
      readPoint: { id: where.urn },
      ...(bizStep === 'receiving' ? { bizLocation: { id: where.urn } } : {}),
      bizTransactionList: [{ type: 'desadv', bizTransaction: despatch }],
      sourceList: [
        { type: 'owning_party', source: farmSite.party },
        { type: 'location', source: farmSite.dl },
      ],
      destinationList: [
        { type: 'owning_party', destination: coopSite.party },
        { type: 'location', destination: coopSite.dl },
      ],
    });
    at(shipped, () => moved(shipped, 'shipping', 'in_transit', farmSite));
    at(shipped + 5 * HOUR, () => moved(shipped + 5 * HOUR, 'receiving', 'in_progress', coopSite));
  });

  // Co-operative: clean and commingle, sell to the exporter.
  const cleaned = lot(coopPrefix, 2, `C${cycle}`);
  const cleanedAt = t0 + 9 * DAY + 8 * HOUR;
  at(cleanedAt, () => ({
    ...header('TransformationEvent', cleanedAt, CHINA),
    bizStep: 'creating_class_instance',
    inputQuantityList: binLots.map((b) => qty(urnOf(b), 5, 'TNE')),
    outputQuantityList: [qty(urnOf(cleaned), 4.8 * binLots.length, 'TNE')],
    readPoint: { id: coopSite.urn },
    bizLocation: { id: coopSite.urn },
  }));
  const sale = `urn:epcglobal:cbv:bt:${coopSite.gln}:SO${cycle}`;
  for (const [time, bizStep, where] of [
    [t0 + 10 * DAY, 'shipping', coopSite],
    [t0 + 11 * DAY, 'receiving', exporterSite],
  ] as const) {
    at(time, () => ({
      ...header('ObjectEvent', time, CHINA),
      action: 'OBSERVE',
      bizStep,
      disposition: bizStep === 'shipping' ? 'in_transit' : 'in_progress',
      epcList: [],
      quantityList: [qty(urnOf(cleaned), 4.8 * binLots.length, 'TNE')],
      readPoint: { id: where.urn },
      bizTransactionList: [{ type: 'po', bizTransaction: sale }],
      sourceList: [{ type: 'owning_party', source: coopSite.party }],
      destinationList: [{ type: 'owning_party', destination: exporterSite.party }],
    }));
  }

  // Exporter (the packer): grade, bag, palletise, ship to the port.
  const graded = lot(exporterPrefix, 11, `G${cycle}`);
  const bagged = lot(exporterPrefix, 12, `X${cycle}`);
  const exportPallets = Array.from({ length: p.palletsPerContainer }, (_, i) =>
    sscc(exporterPrefix, cycle * p.palletsPerContainer + i),
  );
  const transform = (
    time: number,
    tz: number,
    where: Site,
    bizStep: string,
    inputs: Record<string, unknown>[],
    outputs: Record<string, unknown>[],
    extra: Record<string, unknown> = {},
  ) =>
    at(time, () => ({
      ...header('TransformationEvent', time, tz),
      ...extra,
      bizStep,
      inputQuantityList: inputs,
      outputQuantityList: outputs,
      readPoint: { id: where.dl },
      bizLocation: { id: where.dl },
    }));
  transform(
    t0 + 12 * DAY,
    CHINA,
    exporterSite,
    'inspecting',
    [qty(dlOf(cleaned), 20, 'TNE')],
    [qty(dlOf(graded), 19.6, 'TNE')],
  );
  transform(
    t0 + 13 * DAY,
    CHINA,
    exporterSite,
    'packing',
    [qty(dlOf(graded), 19.6, 'TNE')],
    [qty(dlOf(bagged), 392, 'XBG')],
  );
  exportPallets.forEach((pallet, i) => {
    const time = t0 + 13 * DAY + 2 * HOUR + i * 10 * MINUTE;
    at(time, () => ({
      ...header('AggregationEvent', time, CHINA),
      action: 'ADD',
      bizStep: 'packing',
      disposition: 'in_progress',
      parentID: pallet.dl,
      childEPCs: [],
      childQuantityList: [qty(dlOf(bagged), 20, 'XBG')],
      readPoint: { id: exporterSite.dl },
    }));
  });
  const billOfLading = `urn:epcglobal:cbv:bt:${site(CARRIER, 1).gln}:PJCL${cycle}`;
  const palletMove = (
    time: number,
    tz: number,
    bizStep: string,
    where: Site,
    from: Site,
    to: Site,
    pallets: readonly Sscc[],
    transactions: { type: string; bizTransaction: string }[],
  ) =>
    at(time, () => ({
      ...header('ObjectEvent', time, tz),
      action: 'OBSERVE',
      bizStep,
      disposition: bizStep === 'shipping' ? 'in_transit' : 'in_progress',
      epcList: pallets.map((s) => (tz === CHINA ? s.urn : s.dl)),
      readPoint: { id: tz === CHINA ? where.urn : where.dl },
      ...(bizStep === 'receiving' ? { bizLocation: { id: where.dl } } : {}),
      bizTransactionList: transactions,
      sourceList: [{ type: 'possessing_party', source: from.party }],
      destinationList: [{ type: 'possessing_party', destination: to.party }],
    }));
  const exportPo = [
    { type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${exporterSite.gln}:EX${cycle}` },
  ];
  palletMove(
    t0 + 14 * DAY,
    CHINA,
    'shipping',
    exporterSite,
    exporterSite,
    originPort,
    exportPallets,
    exportPo,
  );
  palletMove(
    t0 + 14 * DAY + 6 * HOUR,
    CHINA,
    'receiving',
    originPort,
    exporterSite,
    originPort,
    exportPallets,
    exportPo,
  );

  // Port of Dalian, the ship, the port of discharge.
  const container = giai(CARRIER, `TGHU${String(cycle % containerPool).padStart(7, '0')}`);
  const stuffedAt = t0 + 15 * DAY;
  at(stuffedAt, () => ({
    ...header('AggregationEvent', stuffedAt, CHINA),
    action: 'ADD',
    bizStep: 'loading',
    disposition: 'container_closed',
    parentID: container.urn,
    childEPCs: exportPallets.map((s) => s.urn),
    readPoint: { id: originPort.urn },
    bizTransactionList: [{ type: 'bol', bizTransaction: billOfLading }],
  }));
  const voyage = 4 * DAY + rng.int(0, 48) * HOUR;
  const containerMove = (time: number, tz: number, bizStep: string, where: Site, in_: Site) =>
    at(time, () => ({
      ...header('ObjectEvent', time, tz),
      action: 'OBSERVE',
      bizStep,
      disposition: 'in_transit',
      epcList: [tz === CHINA ? container.urn : container.dl],
      readPoint: { id: tz === CHINA ? where.urn : where.dl },
      bizLocation: { id: tz === CHINA ? in_.urn : in_.dl },
      bizTransactionList: [{ type: 'bol', bizTransaction: billOfLading }],
      sourceList: [{ type: 'location', source: originPort.dl }],
      destinationList: [{ type: 'location', destination: destinationPort.dl }],
    }));
  const departed = t0 + 16 * DAY;
  containerMove(departed, CHINA, 'loading', originBerth, vesselSite);
  containerMove(departed + 6 * HOUR, CHINA, 'departing', vesselSite, vesselSite);
  const arrived = departed + voyage;
  containerMove(arrived, JAPAN, 'arriving', vesselSite, destinationPort);
  containerMove(arrived + 8 * HOUR, JAPAN, 'unloading', destinationBerth, destinationPort);
  const unstuffedAt = arrived + DAY;
  at(unstuffedAt, () => ({
    ...header('AggregationEvent', unstuffedAt, JAPAN),
    action: 'DELETE',
    bizStep: 'unpacking',
    parentID: container.dl,
    childEPCs: exportPallets.map((s) => s.dl),
    readPoint: { id: destinationPort.dl },
  }));
  const importPo = [
    { type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${processorSite.gln}:IM${cycle}` },
  ];
  palletMove(
    arrived + DAY + 4 * HOUR,
    JAPAN,
    'shipping',
    destinationPort,
    destinationPort,
    processorSite,
    exportPallets,
    importPo,
  );
  palletMove(
    arrived + DAY + 12 * HOUR,
    JAPAN,
    'receiving',
    processorSite,
    destinationPort,
    processorSite,
    exportPallets,
    importPo,
  );

  // Processor: depalletise, dehull, soy milk, tofu, consumer packs, palletise, ship to the DC.
  const declared = () => ({ eventID: uuid() });
  exportPallets.forEach((pallet, i) => {
    const time = arrived + 2 * DAY + i * 5 * MINUTE;
    const eventID = uuid();
    at(time, () => ({
      ...header('AggregationEvent', time, JAPAN),
      eventID,
      action: 'DELETE',
      bizStep: 'unpacking',
      parentID: pallet.dl,
      childEPCs: [],
      childQuantityList: [qty(dlOf(bagged), 20, 'XBG')],
      readPoint: { id: processorSite.dl },
    }));
  });
  const dehulled = lot(processorPrefix, 101, `D${cycle}`);
  transform(
    arrived + 3 * DAY,
    JAPAN,
    processorSite,
    'creating_class_instance',
    [qty(dlOf(bagged), 392, 'XBG')],
    [qty(dlOf(dehulled), 18.5, 'TNE')],
    declared(),
  );
  const m = rng.int(...p.batchesPerLot);
  const soldLots: LotRef[] = [];
  const processorPallets: Sscc[] = [];
  const batches: { consumer: LotRef; pallets: Sscc[]; packs: number; day: number }[] = [];
  for (let b = 0; b < m; b++) {
    const milk = lot(processorPrefix, 102, `M${cycle}-${b}`);
    const tofu = lot(processorPrefix, 103, `T${cycle}-${b}`);
    const consumer = lot(processorPrefix, 104, `Q${cycle}-${b}`);
    soldLots.push(consumer);
    const made = arrived + 4 * DAY + b * 3 * HOUR;
    transform(
      made,
      JAPAN,
      processorSite,
      'creating_class_instance',
      [qty(dlOf(dehulled), 18.5 / m, 'TNE')],
      [qty(dlOf(milk), 120 / m, 'MTQ')],
      declared(),
    );
    transform(
      made + 2 * HOUR,
      JAPAN,
      processorSite,
      'creating_class_instance',
      [qty(dlOf(milk), 120 / m, 'MTQ')],
      [qty(dlOf(tofu), 36 / m, 'TNE')],
      declared(),
    );
    const packs = rng.int(40, 80) * 100;
    transform(
      arrived + 5 * DAY + b * 3 * HOUR,
      JAPAN,
      processorSite,
      'packing',
      [qty(dlOf(tofu), 36 / m, 'TNE')],
      [qty(dlOf(consumer), packs, 'EA')],
      {
        ...declared(),
        ilmd: { 'cbvmda:bestBeforeDate': isoDate(arrived + 19 * DAY) },
      },
    );
    const pallets = Array.from({ length: p.palletsPerBatch }, (_, r) =>
      sscc(processorPrefix, (cycle * 8 + b) * p.palletsPerBatch + r),
    );
    pallets.forEach((pallet, r) => {
      const time = arrived + 5 * DAY + b * 3 * HOUR + HOUR + r * 10 * MINUTE;
      const eventID = uuid();
      at(time, () => ({
        ...header('AggregationEvent', time, JAPAN),
        eventID,
        action: 'ADD',
        bizStep: 'packing',
        disposition: 'in_progress',
        parentID: pallet.dl,
        childEPCs: [],
        childQuantityList: [qty(dlOf(consumer), packs / p.palletsPerBatch, 'EA')],
        readPoint: { id: processorSite.dl },
      }));
    });
    processorPallets.push(...pallets);
    batches.push({ consumer, pallets, packs, day: b });
  }
  const dcPo = [{ type: 'po', bizTransaction: `urn:epcglobal:cbv:bt:${dcSite.gln}:PO${cycle}` }];
  palletMove(
    arrived + 6 * DAY,
    JAPAN,
    'shipping',
    processorSite,
    processorSite,
    dcSite,
    processorPallets,
    dcPo,
  );
  palletMove(
    arrived + 6 * DAY + 6 * HOUR,
    JAPAN,
    'receiving',
    dcSite,
    processorSite,
    dcSite,
    processorPallets,
    dcPo,
  );

  // DC: split the pallets onto one roll cage per store; stores receive, unpack and sell.
  const storesOfDc = Math.ceil(p.stores / p.distributionCentres);
  batches.forEach(({ consumer, pallets, packs }, b) => {
    pallets.forEach((pallet, r) => {
      const time = arrived + 6 * DAY + 8 * HOUR + (b * p.palletsPerBatch + r) * 5 * MINUTE;
      const eventID = uuid();
      at(time, () => ({
        ...header('AggregationEvent', time, JAPAN),
        eventID,
        action: 'DELETE',
        bizStep: 'unpacking',
        parentID: pallet.dl,
        childEPCs: [],
        childQuantityList: [qty(dlOf(consumer), packs / p.palletsPerBatch, 'EA')],
        readPoint: { id: dcSite.dl },
      }));
    });
    const s = rng.int(...p.storesPerBatch);
    const stores = rng
      .distinct(s, storesOfDc)
      .map((i) => site(RETAILER, 1000 + dc * storesOfDc + i));
    const perStore = Math.floor(packs / s);
    stores.forEach((store, i) => {
      const cage = sscc(RETAILER, cycle * 64 + b * 16 + i);
      const picked = arrived + 7 * DAY + b * HOUR + i * 5 * MINUTE;
      const [pickID, shipID, receiveID, unpackID] = [uuid(), uuid(), uuid(), uuid()];
      at(picked, () => ({
        ...header('AggregationEvent', picked, JAPAN),
        eventID: pickID,
        action: 'ADD',
        bizStep: 'picking',
        disposition: 'in_progress',
        parentID: cage.dl,
        childEPCs: [],
        childQuantityList: [qty(dlOf(consumer), perStore, 'EA')],
        readPoint: { id: dcSite.dl },
      }));
      const transfer = [
        { type: 'desadv', bizTransaction: `urn:epcglobal:cbv:bt:${dcSite.gln}:DN${cycle}${b}${i}` },
      ];
      const cageMove = (time: number, bizStep: string, where: Site, eventID: string) =>
        at(time, () => ({
          ...header('ObjectEvent', time, JAPAN),
          eventID,
          action: 'OBSERVE',
          bizStep,
          disposition: bizStep === 'shipping' ? 'in_transit' : 'sellable_not_accessible',
          epcList: [cage.dl],
          readPoint: { id: where.dl },
          bizLocation: { id: where.dl },
          bizTransactionList: transfer,
          sourceList: [{ type: 'location', source: dcSite.dl }],
          destinationList: [{ type: 'location', destination: store.dl }],
        }));
      cageMove(picked + 12 * HOUR, 'shipping', dcSite, shipID);
      const received = arrived + 8 * DAY + i * 20 * MINUTE + b * HOUR;
      cageMove(received, 'receiving', store, receiveID);
      at(received + HOUR, () => ({
        ...header('AggregationEvent', received + HOUR, JAPAN),
        eventID: unpackID,
        action: 'DELETE',
        bizStep: 'unpacking',
        parentID: cage.dl,
        childEPCs: [],
        childQuantityList: [qty(dlOf(consumer), perStore, 'EA')],
        readPoint: { id: store.dl },
      }));
      const d = rng.int(...p.saleDays);
      for (let day = 0; day < d; day++) {
        const time = arrived + (9 + day) * DAY + rng.int(10, 20) * HOUR;
        const sold = Math.max(1, Math.floor(perStore / d) - rng.int(0, 9));
        const eventID = uuid();
        at(time, () => ({
          ...header('ObjectEvent', time, JAPAN),
          eventID,
          action: 'OBSERVE',
          bizStep: 'retail_selling',
          disposition: 'retail_sold',
          epcList: [],
          quantityList: [qty(dlOf(consumer), sold, 'EA')],
          readPoint: { id: `${store.dl}/254/POS` },
          bizLocation: { id: store.dl },
        }));
      }
    });
  });
  return { cycle, binLots: binLots.length, harvestLots, soldLots, steps };
}

const PORT_OF_DALIAN = '6934560';
const CARRIER = '4945670';
const RETAILER = '4923456';

interface Site {
  gln: string;
  urn: string;
  dl: string;
  party: string;
}

/** A location (SGLN, optionally with a GLN extension) and the party that runs it. */
function site(prefix: string, locationRef: number, extension?: number): Site {
  const ref = String(locationRef).padStart(12 - prefix.length, '0');
  const gln = `${prefix}${ref}${gs1CheckDigit(prefix + ref)}`;
  return {
    gln,
    urn: `urn:epc:id:sgln:${prefix}.${ref}.${extension ?? 0}`,
    dl: buildDigitalLink([
      { ai: '414', value: gln },
      ...(extension === undefined ? [] : [{ ai: '254', value: String(extension) }]),
    ]),
    party: buildDigitalLink([{ ai: '417', value: gln }]),
  };
}

function gtin14(prefix: string, item: number): string {
  const body = `0${prefix}${String(item).padStart(12 - prefix.length, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

interface Sscc {
  urn: string;
  dl: string;
}

function sscc(prefix: string, serial: number): Sscc {
  const reference = `0${String(serial).padStart(16 - prefix.length, '0')}`;
  const body = `${reference[0]}${prefix}${reference.slice(1)}`;
  return {
    urn: `urn:epc:id:sscc:${prefix}.${reference}`,
    dl: ssccDigitalLink(`${body}${gs1CheckDigit(body)}`),
  };
}

function giai(prefix: string, asset: string): Sscc {
  return {
    urn: `urn:epc:id:giai:${prefix}.${asset}`,
    dl: buildDigitalLink([{ ai: '8004', value: `${prefix}${asset}` }]),
  };
}

function header(type: string, time: number, offsetMinutes: number): EpcisEvent {
  return {
    type,
    eventTime: localTime(time, offsetMinutes),
    eventTimeZoneOffset: `+${String(offsetMinutes / 60).padStart(2, '0')}:00`,
  };
}

/** `2025-03-03T14:00:00.000+08:00`: the instant as the site's clock writes it. */
function localTime(time: number, offsetMinutes: number): string {
  const local = new Date(time + offsetMinutes * MINUTE).toISOString().slice(0, -1);
  return `${local}+${String(offsetMinutes / 60).padStart(2, '0')}:00`;
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** n distinct numbers from 0 to size - 1 (all of them when n ≥ size). */
  distinct(n: number, size: number): number[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(n, size)) chosen.add(this.int(0, size - 1));
    return [...chosen];
  }

  hex(digits: number): string {
    let out = '';
    while (out.length < digits)
      out += ((this.next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, '0');
    return out.length === digits ? out : out.slice(0, digits);
  }
}

interface Cursor {
  cycle: number;
  steps: Step[];
  next: number;
}

/** The cycles under way, ordered by the time of their next step (then by cycle). */
class CycleHeap {
  private readonly items: Cursor[] = [];

  get size(): number {
    return this.items.length;
  }

  nextAt(): number {
    const top = this.items[0];
    return top === undefined ? Number.POSITIVE_INFINITY : at(top);
  }

  add(cursor: Cursor): void {
    if (cursor.next >= cursor.steps.length) return;
    this.items.push(cursor);
    this.up(this.items.length - 1);
  }

  /** The earliest step; its cycle moves on to its next one. */
  take(): Step {
    const top = this.items[0];
    const step = top?.steps[top.next];
    if (top === undefined || step === undefined) throw new Error('no step under way');
    top.next++;
    if (top.next >= top.steps.length) {
      const last = this.items.pop();
      if (last !== undefined && last !== top) this.items[0] = last;
    }
    if (this.items.length > 0) this.down(0);
    return step;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.items.length && this.less(left, smallest)) smallest = left;
      if (right < this.items.length && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (x === undefined || y === undefined) return false;
    return at(x) < at(y) || (at(x) === at(y) && x.cycle < y.cycle);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (x === undefined || y === undefined) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}

function at(cursor: Cursor): number {
  return cursor.steps[cursor.next]?.at ?? Number.POSITIVE_INFINITY;
}
