/**
 * Linear conversions between UN/CEFACT Recommendation 20 unit codes (the `uom` of EPCIS
 * sensor reports and quantities, EPCIS 2.0 §7.3.3.3 and the CBV's sensor measurement types),
 * so that a reading in °F and a bound in °C are compared as the same physical quantity.
 * Each unit is `factor × value + offset` in its dimension's base unit; units of one
 * dimension convert into each other, a unit listed nowhere only to itself.
 */
interface Unit {
  dimension: string;
  factor: number;
  offset?: number;
}

const UNITS: Readonly<Record<string, Unit>> = {
  // Temperature, base kelvin.
  KEL: { dimension: 'temperature', factor: 1 },
  CEL: { dimension: 'temperature', factor: 1, offset: 273.15 },
  FAH: { dimension: 'temperature', factor: 5 / 9, offset: 459.67 * (5 / 9) },
  A48: { dimension: 'temperature', factor: 5 / 9 }, // degree Rankine
  // Mass, base kilogram.
  KGM: { dimension: 'mass', factor: 1 },
  GRM: { dimension: 'mass', factor: 1e-3 },
  MGM: { dimension: 'mass', factor: 1e-6 },
  MC: { dimension: 'mass', factor: 1e-9 }, // microgram
  TNE: { dimension: 'mass', factor: 1e3 },
  LBR: { dimension: 'mass', factor: 0.45359237 },
  ONZ: { dimension: 'mass', factor: 0.028349523125 },
  // Length, base metre.
  MTR: { dimension: 'length', factor: 1 },
  KMT: { dimension: 'length', factor: 1e3 },
  CMT: { dimension: 'length', factor: 1e-2 },
  MMT: { dimension: 'length', factor: 1e-3 },
  INH: { dimension: 'length', factor: 0.0254 },
  FOT: { dimension: 'length', factor: 0.3048 },
  YRD: { dimension: 'length', factor: 0.9144 },
  SMI: { dimension: 'length', factor: 1609.344 },
  // Volume, base cubic metre.
  MTQ: { dimension: 'volume', factor: 1 },
  LTR: { dimension: 'volume', factor: 1e-3 },
  MLT: { dimension: 'volume', factor: 1e-6 },
  CMQ: { dimension: 'volume', factor: 1e-6 },
  GLL: { dimension: 'volume', factor: 3.785411784e-3 }, // US gallon
  // Pressure, base pascal.
  PAL: { dimension: 'pressure', factor: 1 },
  KPA: { dimension: 'pressure', factor: 1e3 },
  HPA: { dimension: 'pressure', factor: 1e2 },
  BAR: { dimension: 'pressure', factor: 1e5 },
  MBR: { dimension: 'pressure', factor: 1e2 },
  ATM: { dimension: 'pressure', factor: 101325 },
  // Time, base second.
  SEC: { dimension: 'time', factor: 1 },
  MIN: { dimension: 'time', factor: 60 },
  HUR: { dimension: 'time', factor: 3600 },
  DAY: { dimension: 'time', factor: 86400 },
  // Speed, base metre per second.
  MTS: { dimension: 'speed', factor: 1 },
  KMH: { dimension: 'speed', factor: 1 / 3.6 },
  // Electric potential, current, power, energy.
  VLT: { dimension: 'voltage', factor: 1 },
  '2Z': { dimension: 'voltage', factor: 1e-3 }, // millivolt
  AMP: { dimension: 'current', factor: 1 },
  '4K': { dimension: 'current', factor: 1e-3 }, // milliampere
  WTT: { dimension: 'power', factor: 1 },
  KWT: { dimension: 'power', factor: 1e3 },
  JOU: { dimension: 'energy', factor: 1 },
  KJO: { dimension: 'energy', factor: 1e3 },
  KWH: { dimension: 'energy', factor: 3.6e6 },
};

/** Significant digits kept: enough for any sensor, few enough that 50 °F is exactly 10 °C. */
const PRECISION = 12;

/** The units `uom` converts into, itself first; a unit not in the table converts only to itself. */
export function comparableUnits(uom: string): string[] {
  const unit = UNITS[uom];
  if (unit === undefined) return [uom];
  return [
    uom,
    ...Object.keys(UNITS).filter((u) => u !== uom && UNITS[u].dimension === unit.dimension),
  ];
}

/** `value` in unit `from` expressed in unit `to`, or undefined if they measure different things. */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const source = UNITS[from];
  const target = UNITS[to];
  if (source === undefined || target === undefined || source.dimension !== target.dimension) {
    return undefined;
  }
  const base = value * source.factor + (source.offset ?? 0);
  const result = (base - (target.offset ?? 0)) / target.factor;
  // Rounded to PRECISION digits of the larger of the two figures, so that 491.67 °R is 0 °C.
  const magnitude = Math.max(Math.abs(value), Math.abs(result));
  if (magnitude === 0) return 0;
  const decimals = PRECISION - Math.ceil(Math.log10(magnitude));
  const rounded =
    decimals <= 0
      ? Number(result.toPrecision(PRECISION))
      : Number(result.toFixed(Math.min(decimals, 100)));
  return rounded + 0; // no -0
}
